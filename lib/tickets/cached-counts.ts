import "server-only";
// One computation of the queue counts per request, shared by the navigation and the dashboard.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { departmentOpenCounts, queueCounts } from "./queue-counts";

export const requestQueueCounts = cache((actor: StaffActor) => queueCounts(db, actor));
export const requestDepartmentCounts = cache((actor: StaffActor) => departmentOpenCounts(db, actor));
