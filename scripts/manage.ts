// `npm run manage -- <command>`: operator tasks from the command line, through the same services
// (and audit log) as the admin console. Runs under tsx with the react-server condition, so the
// services' `server-only` guard resolves to its server entry.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApiKey } from "@/lib/config/api-keys/service";
import { createBackup, type Installation, restoreBackup, runningServer } from "@/lib/backup/backup";
import { DEFAULT_KEEP } from "@/lib/backup/retention";
import { appliedMigrations } from "@/lib/backup/database-copy";
import { resetAgentTwoFactor } from "@/lib/config/agents/sign-in";
import { inviteAgent, resetAgentPassword } from "@/lib/config/agents/service";
import { operatorActor } from "@/lib/auth/operator";
import { recordAudit } from "@/lib/server/audit/record";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { freeUsername } from "@/lib/auth/usernames";
import { summarisePoll } from "@/lib/mail/imap/poll";
import { pollAllMailboxes, pollMailboxOnce } from "@/lib/mail/imap/poller";
import { eventDispatcher } from "@/lib/events/bus";
import { registerEventSubscribers } from "@/lib/events/subscribers";
import { databaseTarget } from "@/lib/server/database-url";
import { AppError } from "@/lib/server/errors";
import { rotateEncryptionKey } from "@/lib/server/key-rotation";
import { rememberEnvironmentSecrets } from "@/lib/server/redact";
import { createDb, type Db } from "@/lib/server/prisma";
import { upgradeData } from "@/lib/server/upgrade-data";
import { EnvFileError, envFileLocation, withEnvFile } from "./env-file.mjs";
import { type CommandName, type Options, parseCommandLine, SERVICE_ACTIONS, USAGE } from "./manage-args";
import { ConfigError, root as appRoot, runtimeEnv } from "./runtime-env.mjs";
import { installService, ServiceError, servicePlan, serviceStatus, uninstallService } from "./windows-service";

class UsageError extends Error {}

function required(options: Options, name: keyof Options, command: string): string {
  const value = options[name];
  if (typeof value !== "string" || !value.trim()) throw new UsageError(`${command} needs --${name}.`);
  return value.trim();
}

function appUrl() {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

async function withDb<T>(body: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb();
  try {
    return await body(db);
  } finally {
    await db.$disconnect();
  }
}

async function createAdmin(options: Options) {
  const email = required(options, "email", "create-admin").toLowerCase();
  const name = required(options, "name", "create-admin");
  const password = options.password;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`--password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  await withDb(async (db) => {
    if (await db.staff.findUnique({ where: { email } })) throw new AppError("CONFLICT", `A staff member with ${email} already exists. To give them a new password: npm run manage -- reset-password --email ${email}`);
    const username = options.username?.trim().toLowerCase() || (await freeUsername(db, email, "admin"));
    const invited = await inviteAgent(db, operatorActor(), { name, email, username, isAdmin: true, access: [] });
    if (password !== undefined) {
      await db.$transaction([
        db.staff.update({ where: { id: invited.id }, data: { passwordHash: await hashPassword(password) } }),
        db.staffToken.updateMany({ where: { staffId: invited.id, usedAt: null }, data: { usedAt: new Date() } }),
      ]);
      console.log(`Created administrator ${name} <${email}> (username ${username}). They can sign in at ${appUrl()}/sign-in`);
    } else {
      console.log(`Created administrator ${name} <${email}> (username ${username}).`);
      console.log(`Send them this one-time link to choose a password (valid 7 days):\n\n  ${appUrl()}${invited.link}\n`);
    }
  });
}

async function resetPassword(options: Options) {
  const email = required(options, "email", "reset-password").toLowerCase();
  await withDb(async (db) => {
    const staff = await db.staff.findUnique({ where: { email } });
    if (!staff) throw new AppError("NOT_FOUND", `No staff member has the email ${email}.`);
    const { link } = await resetAgentPassword(db, operatorActor(), { id: staff.id });
    console.log(`${staff.name} is signed out everywhere and their old password no longer works.`);
    console.log(`Send them this one-time link to choose a new one (valid 7 days):\n\n  ${appUrl()}${link}\n`);
  });
}

async function resetTwoFactor(options: Options) {
  const email = required(options, "email", "reset-2fa").toLowerCase();
  await withDb(async (db) => {
    const staff = await db.staff.findUnique({ where: { email } });
    if (!staff) throw new AppError("NOT_FOUND", `No staff member has the email ${email}.`);
    await resetAgentTwoFactor(db, operatorActor(), { id: staff.id });
    console.log(`Two-factor authentication of ${staff.name} is removed. They sign in with their password and set it up again.`);
  });
}

async function createKey(options: Options) {
  const label = required(options, "name", "create-api-key");
  const scopes = (options.scope ?? "tickets:create").split(",").map((s) => s.trim()).filter(Boolean);
  await withDb(async (db) => {
    const { key, prefix } = await createApiKey(db, operatorActor(), { label, scopes, allowedIps: options.allow ?? "" });
    console.log(`Created API key “${label}” (${scopes.join(", ")}; shown in the admin console as ${prefix}…).`);
    console.log(`Store it now; it cannot be shown again:\n\n  ${key}\n`);
  });
}

function installation(db: Db): Installation {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const target = databaseTarget(process.env.DATABASE_URL);
  const migrationsDir = path.join(root, "prisma", ...(target.provider === "postgresql" ? ["postgres"] : []), "migrations");
  return {
    db,
    target,
    dataDir: path.resolve(process.env.DATA_DIR ?? "data"),
    attachmentsDir: path.resolve(process.env.ATTACHMENTS_DIR ?? path.join(process.env.DATA_DIR ?? "data", "attachments")),
    appVersion: (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version,
    knownMigrations: fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort(),
  };
}

function keepCount(options: Options): number {
  const text = options.keep ?? process.env.BACKUP_KEEP ?? String(DEFAULT_KEEP);
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError("--keep (or BACKUP_KEEP) must be a whole number of backups, 1 or more.");
  return Number(text);
}

const describeSize = (bytes: number) => (bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

async function backup(options: Options) {
  const keep = keepCount(options);
  await withDb(async (db) => {
    const result = await createBackup(installation(db), { out: options.out && path.resolve(options.out), dir: options.dir && path.resolve(options.dir), keep });
    const { attachments } = result.manifest;
    console.log(`Backed up the ${result.manifest.provider === "sqlite" ? "SQLite" : "PostgreSQL"} database and ${attachments.files} attachment${attachments.files === 1 ? "" : "s"} (${describeSize(attachments.bytes)}) to ${result.file} (${describeSize(fs.statSync(result.file).size)}).`);
    if (result.deleted.length) console.log(`Deleted ${result.deleted.length} older backup${result.deleted.length === 1 ? "" : "s"}, keeping the newest ${keep}: ${result.deleted.join(", ")}`);
  });
}

async function restore(options: Options) {
  const from = path.resolve(required(options, "from", "restore"));
  await withDb(async (db) => {
    const result = await restoreBackup(installation(db), from, { port: Number(process.env.PORT ?? 3000) });
    if (result.safetyBackup) console.log(`The data that was here is saved in ${result.safetyBackup}.`);
    console.log(`Restored the database and ${result.manifest.attachments.files} attachment${result.manifest.attachments.files === 1 ? "" : "s"} from the backup of ${result.manifest.createdAt} (version ${result.manifest.appVersion}).`);
  });
  await migrateAndUpgrade();
}

async function upgrade(options: Options) {
  const keep = keepCount(options);
  const before = await withDb(async (db) => {
    const inst = installation(db);
    const running = await runningServer(inst, Number(process.env.PORT ?? 3000));
    if (running) throw new AppError("CONFLICT", `Stop the help desk before upgrading: ${running}`);
    const saved = await createBackup(inst, { dir: options.dir && path.resolve(options.dir), keep, label: "before-upgrade" });
    console.log(`Backed up to ${saved.file}.`);
    return saved.manifest.migrations;
  });
  await migrateAndUpgrade();
  const after = await withDb((db) => appliedMigrations(db));
  const applied = after.filter((m) => !before.includes(m));
  console.log(applied.length ? `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}:\n${applied.map((m) => `  ${m}`).join("\n")}` : "No migrations were pending: the database already matched this version.");
}

function migrate() {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "prisma.mjs");
  const result = spawnSync(process.execPath, [script, "migrate", "deploy"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new AppError("UNAVAILABLE", "The migrations could not be applied (see above). Is the database reachable? On SQLite, stop the help desk first: a running server keeps the database busy.");
  console.log("The database is up to date.");
}

async function migrateAndUpgrade() {
  migrate();
  await withDb(async (db) => {
    const report = await upgradeData(db);
    if (report.sealed) console.log(`Sealed ${report.sealed} stored secret${report.sealed === 1 ? "" : "s"} left in plain text.`);
    if (report.auditRowsRedacted) console.log(`Redacted secrets in ${report.auditRowsRedacted} old audit row${report.auditRowsRedacted === 1 ? "" : "s"}.`);
    if (report.unreadable.length) console.log(`Could not open (wrong key?): ${report.unreadable.join(", ")}`);
  });
}

async function rotateKey() {
  await withDb(async (db) => {
    const rotation = await rotateEncryptionKey(db);
    await db.$transaction((tx) => recordAudit(tx, operatorActor(), { entity: "encryption-key", entityId: rotation.keyId, action: "rotate", after: { mode: rotation.mode, keyId: rotation.keyId, resealed: rotation.resealed, unreadable: rotation.unreadable } }));
    console.log(`Re-sealed ${rotation.resealed} stored secret${rotation.resealed === 1 ? "" : "s"} under key ${rotation.keyId}.`);
    if (rotation.unreadable.length) {
      throw new AppError("UNAVAILABLE", `These could not be opened with any known key and were left as they are: ${rotation.unreadable.join(", ")}.${rotation.previousKeptAt ? ` The old key stays in ${rotation.previousKeptAt}.` : " Set the key they were sealed with in HELPDESK_ENCRYPTION_KEY_PREVIOUS and run this again, or enter those passwords again."}`);
    }
    if (rotation.mode === "file") console.log(`The new key is in ${path.join(process.env.DATA_DIR ?? "data", "encryption-key")}; the old one is deleted. Keep a copy of the new key with your backups.`);
    else console.log("Every value now uses HELPDESK_ENCRYPTION_KEY: remove HELPDESK_ENCRYPTION_KEY_PREVIOUS from the environment and restart.");
  });
}

async function pollMail(options: Options) {
  // Tickets opened or answered by this mail get their alerts and auto-responses from here, as in the server.
  registerEventSubscribers();
  await withDb(async (db) => {
    let outcomes;
    if (options.name !== undefined) {
      const mailbox = await db.imapMailbox.findUnique({ where: { name: required(options, "name", "mail:poll") } });
      if (!mailbox) throw new AppError("NOT_FOUND", `No IMAP mailbox is named ${options.name}.`);
      outcomes = [await pollMailboxOnce(db, mailbox)];
    } else {
      outcomes = await pollAllMailboxes(db);
      if (!outcomes.length) console.log("No active IMAP mailboxes. Add one under /admin/mail/mailboxes.");
    }
    for (const o of outcomes) console.log(summarisePoll(o));
    // Hand the subscribers' leases back at once, so the server need not wait for them to run out.
    await eventDispatcher(db).stop();
    if (outcomes.some((o) => !o.ok)) throw new AppError("UNAVAILABLE", `${outcomes.filter((o) => !o.ok).length} of ${outcomes.length} mailboxes failed (see above).`);
  });
}

function service(_options: Options, action?: string) {
  if (!SERVICE_ACTIONS.includes(action as (typeof SERVICE_ACTIONS)[number])) throw new UsageError(`service needs one of: ${SERVICE_ACTIONS.join(", ")}.`);
  const plan = servicePlan({
    root: appRoot,
    nodePath: process.execPath,
    // Set by withEnvFile when a file was read; otherwise where install expects one.
    envFile: process.env.HELPDESK_ENV_FILE ?? envFileLocation(process.env, appRoot).file,
    dataDir: process.env.DATA_DIR!,
    logDir: process.env.LOG_DIR,
  });
  if (action === "status") console.log(`The service ${plan.id} is ${serviceStatus(plan)}.`);
  else for (const line of action === "install" ? installService(plan) : uninstallService(plan)) console.log(line);
}

const COMMANDS: Record<CommandName, (options: Options, action?: string) => Promise<void> | void> = {
  "create-admin": createAdmin,
  "reset-password": resetPassword,
  "reset-2fa": resetTwoFactor,
  "create-api-key": createKey,
  backup,
  restore,
  upgrade,
  migrate: migrateAndUpgrade,
  "rotate-encryption-key": rotateKey,
  "mail:poll": pollMail,
  service,
};

export async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.kind === "help") {
    console.log(USAGE);
    return 0;
  }
  if (line.kind === "usage-error") {
    console.error(`${line.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    // The same environment as the server: the environment file under the real environment, the
    // embedded default's generated secret and encryption key. The logger was made before the file
    // was read, so it learns the file's secrets now.
    Object.assign(process.env, runtimeEnv(withEnvFile(process.env, appRoot).env));
    rememberEnvironmentSecrets();
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof EnvFileError)) throw error;
    console.error(error.message);
    return 1;
  }
  try {
    await COMMANDS[line.command](line.options, line.action);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ServiceError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof AppError) {
      const fields = Object.entries(error.fieldErrors).map(([k, v]) => `  ${k}: ${v}`);
      console.error([error.message, ...fields].join("\n"));
      return 1;
    }
    console.error(`Failed: ${(error as Error)?.message ?? error}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
