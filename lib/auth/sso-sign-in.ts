import "server-only";
// Decides which staff account a single sign-on opens, in this order:
// 1. a link request from the account page (the signed-in person links this provider account);
// 2. an account already linked to this provider account (Entra: tenant + object id);
// 3. a staff member with the same verified email, who gets linked now;
// 4. just-in-time: a new agent with no department, when the email's domain is on the admin's list.
// Anyone else gets no account. A deactivated account stays closed whatever the provider says.
import { recordAudit } from "@/lib/server/audit/record";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { loadActor } from "./load-actor";
import { takeLinkIntent } from "./link-intents";
import { emailDomain, type SsoIdentity } from "./sso-claims";
import type { SsoError } from "./sign-in-messages";
import { freeUsername } from "./usernames";


export type SsoOutcome =
  | { ok: true; staffId: number; created: boolean; linked: boolean; replacesSession: string | null }
  | { ok: false; error: SsoError; linking: boolean };

async function sessionStillActive(tx: Tx, sessionId: string, staffId: number, now: Date): Promise<boolean> {
  const row = await tx.staffSession.findUnique({ where: { id: sessionId }, include: { staff: { select: { active: true, sessionVersion: true } } } });
  return !!row && row.staffId === staffId && !row.endedAt && row.expiresAt > now && row.staff.active && row.sessionVersion === row.staff.sessionVersion;
}

async function link(tx: Tx, staffId: number, identity: SsoIdentity, now: Date): Promise<void> {
  await tx.staffIdentity.create({ data: { staffId, provider: identity.provider, issuer: identity.issuer, subject: identity.subject, email: identity.email ?? "", lastUsedAt: now } });
}

async function auditAs(tx: Tx, staffId: number, action: string, after: Record<string, unknown>) {
  const actor = await loadActor(tx as unknown as Db, staffId);
  if (actor) await recordAudit(tx, actor, { entity: "account", entityId: staffId, action, after });
}

async function resolve(tx: Tx, identity: SsoIdentity, linkSecret: string | null | undefined, now: Date): Promise<SsoOutcome> {
  const key = { provider: identity.provider, issuer: identity.issuer, subject: identity.subject };
  const existing = await tx.staffIdentity.findUnique({ where: { provider_issuer_subject: key }, include: { staff: { select: { active: true } } } });

  if (linkSecret) {
    const intent = await takeLinkIntent(tx, linkSecret, identity.provider, now);
    if (intent) {
      const fail = (error: SsoError): SsoOutcome => ({ ok: false, error, linking: true });
      if (!(await sessionStillActive(tx, intent.sessionId, intent.staffId, now))) return fail("SsoLinkExpired");
      if (existing && existing.staffId !== intent.staffId) return fail("SsoTakenByOther");
      if (!existing) {
        if (await tx.staffIdentity.findUnique({ where: { staffId_provider: { staffId: intent.staffId, provider: identity.provider } } })) return fail("SsoLinkedElsewhere");
        await link(tx, intent.staffId, identity, now);
        await auditAs(tx, intent.staffId, "link-sign-in", { provider: identity.provider, email: identity.email ?? "" });
      }
      return { ok: true, staffId: intent.staffId, created: false, linked: !existing, replacesSession: intent.sessionId };
    }
  }

  const fail = (error: SsoError): SsoOutcome => ({ ok: false, error, linking: false });
  if (existing) {
    if (!existing.staff.active) return fail("SsoInactive");
    await tx.staffIdentity.update({ where: { id: existing.id }, data: { lastUsedAt: now, ...(identity.email ? { email: identity.email } : {}) } });
    return { ok: true, staffId: existing.staffId, created: false, linked: false, replacesSession: null };
  }
  if (!identity.email) return fail("SsoNoVerifiedEmail");

  const staff = await tx.staff.findUnique({ where: { email: identity.email }, select: { id: true, active: true } });
  if (staff) {
    if (!staff.active) return fail("SsoInactive");
    const linked = await tx.staffIdentity.findUnique({ where: { staffId_provider: { staffId: staff.id, provider: identity.provider } } });
    // The same key here means a simultaneous first sign-in of this person linked it a moment ago
    // (PostgreSQL's read committed shows its row to this statement but not to the lookup above).
    if (linked) return linked.issuer === identity.issuer && linked.subject === identity.subject ? { ok: true, staffId: staff.id, created: false, linked: false, replacesSession: null } : fail("SsoLinkedElsewhere");
    await link(tx, staff.id, identity, now);
    await auditAs(tx, staff.id, "link-sign-in", { provider: identity.provider, email: identity.email, matchedBy: "verified email" });
    return { ok: true, staffId: staff.id, created: false, linked: true, replacesSession: null };
  }

  const settings = await loadSettings(tx);
  if (!settings.signInJitDomains.includes(emailDomain(identity.email))) return fail("SsoNoAccount");
  const created = await tx.staff.create({ data: { email: identity.email, name: identity.name, username: await freeUsername(tx, identity.email), kind: "AGENT" } });
  await link(tx, created.id, identity, now);
  await auditAs(tx, created.id, "created-by-sign-in", { name: created.name, email: created.email, username: created.username, provider: identity.provider, departments: "none" });
  return { ok: true, staffId: created.id, created: true, linked: true, replacesSession: null };
}

/**
 * Runs the decision in one transaction. Two first sign-ins of one person at the same moment race on
 * the unique keys; the loser's transaction fails and is run again, and then finds the winner's link.
 */
export async function resolveSsoSignIn(db: Db, identity: SsoIdentity, options: { linkSecret?: string | null; now?: Date } = {}): Promise<SsoOutcome> {
  const now = options.now ?? new Date();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => resolve(tx, identity, options.linkSecret, now), { timeout: 15_000 });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002" || attempt >= 3) throw error;
    }
  }
}
