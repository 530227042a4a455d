import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { StaffActor } from "@/lib/auth/actor";
import { getActor, getSessionState } from "./session";

export function safeCallbackUrl(value: string | null | undefined, fallback = "/agent"): string {
  // Only same-site paths: "//evil.example" and "/\evil.example" are other hosts to a browser.
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
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
