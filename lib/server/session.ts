import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { authOptions } from "@/lib/auth/options";
import { db } from "./db";

/**
 * The signed-in staff member, checked against the database on every request: a deactivated
 * account or a changed password (sessionVersion bumped) ends access at once, whatever the cookie says.
 */
export const getActor = cache(async (): Promise<StaffActor | null> => {
  const session = (await getServerSession(authOptions)) as { staffId?: number; sessionVersion?: number } | null;
  if (!session?.staffId || session.sessionVersion === undefined) return null;
  return loadActor(db, session.staffId, session.sessionVersion);
});
