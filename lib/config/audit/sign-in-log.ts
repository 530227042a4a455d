import "server-only";
// The admin's sign-in log: failed sign-ins by default (who was tried, from where, when, why),
// newest first, filtered by an email or an address, paged by id.
import { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor";
import { SIGN_IN_OUTCOMES } from "@/lib/auth/sign-in-log";
import { normalizeAddress } from "@/lib/server/ip-ranges";
import type { Db } from "@/lib/server/prisma";
import { assertAdmin } from "@/lib/server/admin-write";
import { PAGE_SIZE } from "@/lib/server/paging";
import { MAX_ID } from "@/lib/config/shared/fields";

export const SIGN_IN_VIEWS = ["failed", "success", "all"] as const;

export const ZSignInLogParams = z.object({
  show: z.enum(SIGN_IN_VIEWS).optional().catch(undefined),
  /** An email address or a client address, matched exactly. */
  q: z.string().trim().max(254).optional().catch(undefined),
  before: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
});
export type SignInLogParams = z.infer<typeof ZSignInLogParams>;

const FAILED = SIGN_IN_OUTCOMES.filter((o) => o !== "success");

export async function signInLogPage(db: Db, actor: StaffActor, params: SignInLogParams) {
  assertAdmin(actor);
  const show = params.show ?? "failed";
  const q = params.q?.toLowerCase();
  const who = q ? (q.includes("@") ? { email: q } : { address: normalizeAddress(q) ?? q }) : {};
  const rows = await db.signInAttempt.findMany({
    where: {
      ...(show === "failed" ? { outcome: { in: FAILED } } : show === "success" ? { outcome: "success" } : {}),
      ...who,
      ...(params.before ? { id: { lt: params.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  return { rows: page, next: rows.length > PAGE_SIZE ? page[page.length - 1].id : null, show };
}
