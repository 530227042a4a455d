// `manage backup`, `manage restore` and `manage upgrade`: the operator's side of keeping the help
// desk's data. A backup is the database snapshot plus the attachments, in one checked archive
// (archive.ts); the last N are kept. A restore checks the archive first and refuses to run under a
// live server, backs up what is there, then puts the database and attachments back and migrates.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { type DatabaseTarget } from "@/lib/server/database-url";
import { AppError } from "@/lib/server/errors";
import { liveLeases, SERVER_HEARTBEAT_PREFIX } from "@/lib/server/lease";
import type { Db } from "@/lib/server/prisma";
import { extractAndVerify, filesUnder, writeArchive, type Manifest } from "./archive";
import { appliedMigrations, DATABASE_FILE, restoreDatabase, snapshotDatabase } from "./database-copy";
import { backupFileName, backupsToDelete, DEFAULT_KEEP } from "./retention";

export type Installation = {
  db: Db;
  target: DatabaseTarget;
  dataDir: string;
  attachmentsDir: string;
  appVersion: string;
  /** Migration names this version ships for the engine in use. */
  knownMigrations: string[];
};

function stagingDir(near: string, kind: string): string {
  fs.mkdirSync(near, { recursive: true });
  return fs.mkdtempSync(path.join(near, `.${kind}-`));
}

export type BackupResult = { file: string; manifest: Manifest; deleted: string[] };

/** Makes one archive: `out`, or a time-named file in `dir` (keeping the newest `keep` there). */
export async function createBackup(inst: Installation, options: { out?: string; dir?: string; keep?: number; label?: string; now?: Date }): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const dir = options.out ? path.dirname(options.out) : (options.dir ?? path.join(inst.dataDir, "backups"));
  const file = options.out ?? path.join(dir, backupFileName(now, options.label));
  if (fs.existsSync(file)) throw new AppError("CONFLICT", `${file} already exists. Choose another file; a backup never overwrites one.`);
  const staging = stagingDir(dir, "backup");
  try {
    const database = DATABASE_FILE[inst.target.provider];
    const migrations = await appliedMigrations(inst.db);
    // The database first: attachments are written once and never changed, so every file the
    // snapshot refers to is on disk when the folder is listed after it.
    await snapshotDatabase(inst.target, path.join(staging, ...database.split("/")));
    if (fs.existsSync(inst.attachmentsDir)) fs.symlinkSync(inst.attachmentsDir, path.join(staging, "attachments"), "junction");
    const attachments = filesUnder(inst.attachmentsDir, "attachments");
    const bytes = attachments.reduce((sum, f) => sum + fs.statSync(path.join(staging, ...f.split("/"))).size, 0);
    const manifest = await writeArchive(staging, file, { createdAt: now.toISOString(), appVersion: inst.appVersion, provider: inst.target.provider, migrations, database, attachments: { files: attachments.length, bytes } }, [database, ...attachments]);
    const deleted = options.out ? [] : backupsToDelete(fs.readdirSync(dir), options.keep ?? DEFAULT_KEEP);
    for (const name of deleted) fs.rmSync(path.join(dir, name), { force: true });
    return { file, manifest, deleted };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Why the data must not be replaced now (a server is running), or null. */
export async function runningServer(inst: Installation, port: number): Promise<string | null> {
  const heartbeats = await liveLeases(inst.db).then((l) => l.filter((x) => x.name.startsWith(SERVER_HEARTBEAT_PREFIX)), () => []);
  if (heartbeats.length) return `${heartbeats.length} help desk server process${heartbeats.length === 1 ? " is" : "es are"} running on this database (last seen ${heartbeats[0].renewedAt.toISOString()}).`;
  if (await portAnswers(port)) return `something answers on port ${port} (the help desk's PORT).`;
  return null;
}

export type RestoreResult = { manifest: Manifest; safetyBackup: string | null };

/**
 * Checks `file`, refuses under a live server, backs up the current data, then replaces the
 * database and the attachments with the archive's. The caller migrates afterwards.
 */
export async function restoreBackup(inst: Installation, file: string, options: { port: number; now?: Date }): Promise<RestoreResult> {
  const staging = stagingDir(inst.dataDir, "restore");
  try {
    const manifest = await extractAndVerify(file, staging);
    if (manifest.provider !== inst.target.provider) throw new AppError("INVALID", `This backup is of a ${manifest.provider === "sqlite" ? "SQLite" : "PostgreSQL"} database, but DATABASE_URL names a ${inst.target.provider === "sqlite" ? "SQLite" : "PostgreSQL"} one.`);
    const unknown = manifest.migrations.filter((m) => !inst.knownMigrations.includes(m));
    if (unknown.length) throw new AppError("INVALID", `This backup was made by a newer version of the help desk (its database has migrations this version does not know: ${unknown.join(", ")}). Upgrade this installation first, then restore.`);
    const running = await runningServer(inst, options.port);
    if (running) throw new AppError("CONFLICT", `Stop the help desk before restoring: ${running}`);

    const databaseExists = inst.target.provider === "postgresql" || fs.existsSync(inst.target.file);
    const safety = databaseExists ? await createBackup(inst, { dir: path.join(inst.dataDir, "backups"), label: "before-restore", keep: Number.MAX_SAFE_INTEGER, now: options.now }) : null;
    await inst.db.$disconnect();

    const suffix = `.before-restore-${Date.now()}`;
    const database = await restoreDatabase(inst.target, path.join(staging, ...manifest.database.split("/")), suffix);
    const restoredAttachments = path.join(staging, "attachments");
    const aside = `${inst.attachmentsDir}${suffix}`;
    try {
      if (fs.existsSync(inst.attachmentsDir)) fs.renameSync(inst.attachmentsDir, aside);
      fs.mkdirSync(path.dirname(inst.attachmentsDir), { recursive: true });
      if (fs.existsSync(restoredAttachments)) fs.cpSync(restoredAttachments, inst.attachmentsDir, { recursive: true });
      else fs.mkdirSync(inst.attachmentsDir, { recursive: true });
    } catch (error) {
      database.undo();
      fs.rmSync(inst.attachmentsDir, { recursive: true, force: true });
      if (fs.existsSync(aside)) fs.renameSync(aside, inst.attachmentsDir);
      throw error;
    }
    database.done();
    fs.rmSync(aside, { recursive: true, force: true });
    return { manifest, safetyBackup: safety?.file ?? null };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
