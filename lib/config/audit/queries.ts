import "server-only";
// Reads for the audit log and the sign-in log pages.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { auditActors, auditPage, type AuditParams } from "./log";
import { signInLogPage, type SignInLogParams } from "./sign-in-log";

export const auditLogPage = cache((actor: StaffActor, params: AuditParams) => auditPage(db, actor, params));
export const auditLogActors = cache((actor: StaffActor) => auditActors(db, actor));
export const signInAttemptsPage = cache((actor: StaffActor, params: SignInLogParams) => signInLogPage(db, actor, params));
