import "server-only";
// Reads for the SLA plan screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { listSlaPlans, slaPlanForEdit } from "./service";

export const slaPlansPage = cache((actor: StaffActor, params: ListParams) => listSlaPlans(db, actor, params));
export const slaPlanToEdit = cache((actor: StaffActor, id: number) => slaPlanForEdit(db, actor, id));
