import "server-only";
// Reads for the priority screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { listPriorities, nextPriorityOrder, priorityForEdit } from "./service";

export const priorityList = cache((actor: StaffActor) => listPriorities(db, actor));
export const priorityToEdit = cache((actor: StaffActor, id: number) => priorityForEdit(db, actor, id));
export const newPriorityOrder = cache((actor: StaffActor) => nextPriorityOrder(db, actor));
