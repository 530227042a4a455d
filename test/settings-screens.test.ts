// Settings screens against real SQLite and PostgreSQL: saving one screen never changes what another
// owns, a save from a stale form is refused (naming who changed what) instead of undoing theirs,
// and two saves of one screen at the same moment cannot both pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { updateMailSettings, mailSettingsForEdit } from "@/lib/mail/admin/settings";
import { settingsForEdit, updateSettings } from "@/lib/config/settings/service";
import { updateSignInSettings } from "@/lib/config/settings/sign-in";
import { AppError } from "@/lib/server/errors";
import { openSecret } from "@/lib/server/secret-box";
import { screenKeys, SETTINGS_SCREENS, type Settings, type SettingsScreen } from "@/lib/settings/schema";
import { loadSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff } from "./factories";

const general = (n: number) => ({
  helpdeskName: `Acme ${n}`, helpdeskUrl: `https://help${n}.acme.test`, timeZone: n % 2 ? "Europe/Berlin" : "America/New_York", ticketNumberMode: (n % 2 ? "sequential" : "random") as "sequential" | "random", ticketNumberPrefix: `H${n}-`,
  attachmentMaxFileMb: String(3 + n), attachmentMaxFiles: String(1 + n), attachmentMaxTotalMb: String(30 + n), attachmentAllowedTypes: n % 2 ? ".pdf, .png" : ".txt", requesterCanClose: n % 2 === 0, requesterCanReopen: n % 2 === 1, reopenWithinDays: String(10 + n),
});
const mail = (n: number, topicId: number) => ({
  mailFromAddress: `Desk ${n} <desk${n}@acme.test>`, smtpHost: `smtp${n}.acme.test`, smtpPort: String(2500 + n), smtpSecurity: (n % 2 ? "tls" : "starttls") as "tls" | "starttls", smtpUser: `mailer${n}`, smtpPassword: `smtp-password-${n}`, clearSmtpPassword: false,
  mailboxes: [{ address: `sales${n}@acme.test`, helpTopicId: String(topicId) }], mailDefaultHelpTopicId: String(topicId), mailMaxNewTicketsPerSenderHour: String(20 + n),
});

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** What a screen's keys hold, secrets opened (a re-sealed password is the same password). */
function valuesOf(s: Settings, screen: SettingsScreen) {
  return Object.fromEntries(screenKeys(screen).map((k) => [k, k === "smtp" ? { ...s.smtp, password: s.smtp.password ? openSecret(s.smtp.password) : "" } : s[k]]));
}

describe.each(testDatabaseKinds())("settings screens on %s", (kind) => {
  let t: TestDatabase;
  let ada: StaffActor;
  let bob: StaffActor;
  let topicId: number;
  /** Saves one screen with the n-th set of values, as its form would. */
  let saves: Record<SettingsScreen, (n: number, actor?: StaffActor, version?: string) => Promise<unknown>>;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ada = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Ada Admin" })).id);
    bob = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Bob Admin" })).id);
    topicId = (await helpTopic(t.db, (await department(t.db)).id)).id;
    saves = {
      general: (n, actor = ada, version) => updateSettings(t.db, actor, { ...general(n), version }),
      mail: (n, actor = ada, version) => updateMailSettings(t.db, actor, { ...mail(n, topicId), version }),
      signIn: (n, actor = ada, version) => updateSignInSettings(t.db, actor, { jitDomains: `acme${n}.test, sub${n}.acme.test`, requireSso: false, breakGlassStaffId: "", requireTwoFactor: n % 2 ? "admins" : "everyone", version }, null),
    };
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("every screen has a saver in this test, and no key belongs to two screens", () => {
    expect(Object.keys(saves).sort()).toEqual(Object.keys(SETTINGS_SCREENS).sort());
    const all = (Object.keys(SETTINGS_SCREENS) as SettingsScreen[]).flatMap((s) => screenKeys(s));
    expect(new Set(all).size).toBe(all.length);
  });

  it("saving each screen in turn changes only that screen's keys", async () => {
    const screens = Object.keys(SETTINGS_SCREENS) as SettingsScreen[];
    for (const screen of screens) await saves[screen](1);
    for (const n of [2, 3]) {
      for (const screen of screens) {
        const before = await loadSettings(t.db);
        await saves[screen](n);
        const after = await loadSettings(t.db);
        expect(valuesOf(after, screen)).not.toEqual(valuesOf(before, screen));
        for (const other of screens.filter((s) => s !== screen)) expect(valuesOf(after, other), `saving ${screen} moved ${other}`).toEqual(valuesOf(before, other));
      }
    }
    const s = await loadSettings(t.db);
    expect(s).toMatchObject({ helpdeskName: "Acme 3", mailFromAddress: "Desk 3 <desk3@acme.test>", mailMaxNewTicketsPerSenderHour: 23, mailDefaultHelpTopicId: topicId });
    expect(openSecret(s.smtp.password)).toBe("smtp-password-3");
  });

  it("refuses a save from a stale form, names who changed what, and keeps the first save", async () => {
    const opened = (await settingsForEdit(t.db, ada)).version;
    await saves.general(4, ada, opened);
    const error = await appError(saves.general(5, bob, opened));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/saved by Ada Admin after you opened this page/);
    expect(error.details).toContain("helpdesk name: Acme 3 → Acme 4");
    expect((await loadSettings(t.db)).helpdeskName).toBe("Acme 4");

    // The mail screen the same way; the secret appears in the details only as "(changed)".
    const mailOpened = (await mailSettingsForEdit(t.db, ada)).version;
    await saves.mail(4, ada, mailOpened);
    const mailError = await appError(saves.mail(5, bob, mailOpened));
    expect(mailError.code).toBe("CONFLICT");
    expect(mailError.details).toContain("smtp password: (set) → (changed)");
    expect(JSON.stringify(mailError.details)).not.toContain("smtp-password");
    expect(openSecret((await loadSettings(t.db)).smtp.password)).toBe("smtp-password-4");
  });

  it("saves twice from one page with the version each save returns", async () => {
    const opened = (await settingsForEdit(t.db, ada)).version;
    const first = (await saves.general(6, ada, opened)) as { version: string };
    const second = (await saves.general(7, ada, first.version)) as { version: string; changed: boolean };
    expect(second.changed).toBe(true);
    expect(second.version).toBe((await settingsForEdit(t.db, ada)).version);
    // Another screen's save does not make this screen's form stale.
    await saves.mail(6);
    expect((await saves.general(8, ada, second.version)) as { changed: boolean }).toMatchObject({ changed: true });
  });

  it("lets exactly one of two saves made at the same moment from the same form through", async () => {
    const opened = (await settingsForEdit(t.db, ada)).version;
    const results = await Promise.allSettled([saves.general(9, ada, opened), saves.general(10, bob, opened)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("CONFLICT");
    const name = (await loadSettings(t.db)).helpdeskName;
    expect(["Acme 9", "Acme 10"]).toContain(name);
  });
});
