import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { StaffActor } from "@/lib/auth/actor";
import { safeReturnPath } from "@/lib/auth/return-address";
import { getActor, getSessionState } from "./session";

/** A return address after sign-in that stays on this site (see lib/auth/return-address.ts), as a path. */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/agent"): string {
  return safeReturnPath(value, process.env.APP_URL || "http://localhost", fallback);
}

/** Where a page sends someone who is not (fully) signed in: sign-in, or the second-factor step. */
async function signInUrl(): Promise<string> {
  const path = (await headers()).get("x-pathname");
  const back = `callbackUrl=${encodeURIComponent(safeCallbackUrl(path))}`;
  return (await getSessionState()).state === "second-factor" ? `/sign-in/two-factor?${back}` : `/sign-in?${back}`;
}

/** For pages: signed out → sign-in and back; otherwise the staff member. */
export async function requireStaffPage(): Promise<StaffActor> {
  const actor = await getActor();
  if (!actor) redirect(await signInUrl());
  return actor;
}

/** For pages: signed out → sign-in; an agent → a plain "not found", never a hint the page exists. */
export async function requireAdminPage(): Promise<StaffActor> {
  const actor = await requireStaffPage();
  if (!actor.isAdmin) notFound();
  return actor;
}
