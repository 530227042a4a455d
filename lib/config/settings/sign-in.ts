import "server-only";
// The sign-in settings screen: just-in-time accounts for listed domains, single sign-on required
// (passwords off but for one break-glass administrator), and who must use two-factor. Saved
// through lib/settings under this screen's own keys, with an audit row of what changed.
import type { StaffActor } from "@/lib/auth/actor";
import { ssoProviders } from "@/lib/auth/sso-config";
import { AppError, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { ZSignInSettings, type ScreenSettings } from "@/lib/settings/schema";
import { loadSettings, screenVersion } from "@/lib/settings/store";
import { assertAdmin, parseInput } from "@/lib/server/admin-write";
import type { Snapshot } from "@/lib/server/audit/record";
import { saveSettingsScreen } from "./screen";
import { parseDomains, ZSignInSettingsForm, type SignInSettingsFormInput } from "./sign-in-schemas";

type SignInSettings = ScreenSettings<"signIn">;

export async function signInSettingsForEdit(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const [s, admins] = await Promise.all([
    loadSettings(db),
    db.staff.findMany({ where: { kind: "ADMIN", active: true }, select: { id: true, name: true, email: true, passwordHash: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    values: { jitDomains: s.signInJitDomains.join(", "), requireSso: s.signInRequireSso, breakGlassStaffId: s.signInBreakGlassStaffId ? String(s.signInBreakGlassStaffId) : "", requireTwoFactor: s.signInRequireTwoFactor },
    version: screenVersion(s, "signIn"),
    admins: admins.map((a) => ({ id: a.id, label: `${a.name} <${a.email}>${a.passwordHash ? "" : " (no password set)"}` })),
    providers: ssoProviders(),
  };
}

async function snapshot(tx: Tx, s: SignInSettings): Promise<Snapshot> {
  const breakGlass = s.signInBreakGlassStaffId ? await tx.staff.findUnique({ where: { id: s.signInBreakGlassStaffId }, select: { name: true } }) : null;
  return {
    justInTimeDomains: s.signInJitDomains,
    singleSignOnRequired: s.signInRequireSso,
    breakGlassAdministrator: breakGlass?.name ?? null,
    twoFactorRequiredFor: s.signInRequireTwoFactor,
  };
}

/** Without a usable break-glass account, requiring single sign-on could lock every admin out. */
async function checkBreakGlass(tx: Tx, staffId: number | null): Promise<void> {
  if (!staffId) throw invalid({ breakGlassStaffId: "Choose the administrator who may still sign in with a password." });
  const staff = await tx.staff.findUnique({ where: { id: staffId }, select: { kind: true, active: true, passwordHash: true } });
  if (!staff || staff.kind !== "ADMIN" || !staff.active) throw invalid({ breakGlassStaffId: "Choose an active administrator." });
  if (!staff.passwordHash) throw invalid({ breakGlassStaffId: "This administrator has no password yet, so could not sign in when single sign-on fails." });
}

export async function updateSignInSettings(db: Db, actor: StaffActor, raw: SignInSettingsFormInput, currentSession: { id: string; method: string } | null): Promise<{ changed: boolean; sessionsEnded: number; version: string }> {
  const { version, ...input } = parseInput(ZSignInSettingsForm, raw);
  let sessionsEnded = 0;
  const saved = await saveSettingsScreen(db, actor, {
    screen: "signIn",
    version,
    next: async (_before, tx) => {
      const next = ZSignInSettings.parse({
        signInJitDomains: parseDomains(input.jitDomains),
        signInRequireSso: input.requireSso,
        signInBreakGlassStaffId: input.breakGlassStaffId,
        signInRequireTwoFactor: input.requireTwoFactor,
      });
      if (next.signInRequireSso) {
        if (ssoProviders().length === 0) throw invalid({ requireSso: "No single sign-on provider is set up on this server (see the README: AUTH_ENTRA_* or AUTH_OIDC_*)." });
        await checkBreakGlass(tx, next.signInBreakGlassStaffId);
        if (currentSession?.method === "password" && next.signInBreakGlassStaffId !== actor.id) {
          throw new AppError("CONFLICT", "You signed in with a password, which this change turns off for you. Sign in with single sign-on first (that also proves it works), or choose yourself as the break-glass administrator.");
        }
        // Passwords off means off now: password sessions of everyone but the break-glass account end.
        const ended = await tx.staffSession.updateMany({ where: { method: "password", endedAt: null, NOT: { staffId: next.signInBreakGlassStaffId! } }, data: { endedAt: new Date(), endReason: "passwords-off" } });
        sessionsEnded = ended.count;
      }
      return next;
    },
    audit: { entity: "sign-in-settings", entityId: "sign-in", snapshot: (s, tx) => snapshot(tx, s) },
  });
  return { ...saved, sessionsEnded };
}
