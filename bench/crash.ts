// `npm run bench:crash`: crash safety on the embedded SQLite database. Clients open tickets with an
// attachment over HTTP (POST /api/tickets.json) against the production server while it is killed
// with SIGKILL at random moments and restarted. Afterwards every ticket whose number the server
// acknowledged (201) must exist with its attachment (row and file, same bytes), and
// PRAGMA integrity_check must say ok. Prints the figures; exits 1 on any loss.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createApiKey } from "@/lib/config/api-keys/service";
import { operatorActor } from "@/lib/auth/operator";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/prisma";
import { ensureReferenceData } from "@/lib/setup/reference-data";
import { spawnSync } from "node:child_process";
import { serverEnv, startServer, stopServer, type BenchServer } from "./server";

const USAGE = `Usage: npm run bench:crash -- [--kills N] [--clients N] [--port N]

  --kills N     SIGKILLs of the server (default 30)
  --clients N   clients opening tickets at once (default 8)
  --port N      where the server listens (default 3360)
`;

function options(argv: string[]) {
  const o = { kills: 30, clients: 8, port: 3360 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const key = flag.replace(/^--/, "") as keyof typeof o;
    const n = Number(argv[++i]);
    if (!(key in o) || !Number.isInteger(n) || n <= 0) throw new Error(USAGE);
    o[key] = n;
  }
  return o;
}

type Acknowledged = { number: string; file: string; sha256: string; size: number };

async function main() {
  const o = options(process.argv.slice(2));
  const root = path.resolve(import.meta.dirname, "..");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-crash-"));
  const env = serverEnv(o.port, { DATA_DIR: dataDir });
  const migrated = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { cwd: root, env, encoding: "utf8" });
  if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.stdout}\n${migrated.stderr}`);
  Object.assign(process.env, env);
  const db = createDb(databaseTarget(env.DATABASE_URL));
  await ensureReferenceData(db);
  const dept = await db.department.create({ data: { name: "Crash test" } });
  const topic = await db.helpTopic.create({ data: { name: "Crash test", departmentId: dept.id } });
  const { key } = await createApiKey(db, operatorActor(), { label: "crash bench", scopes: ["tickets:create"], allowedIps: "" });
  await db.$disconnect();

  const acknowledged: Acknowledged[] = [];
  let sent = 0;
  let refused = 0;
  const reasons = new Map<string, number>();
  let stop = false;
  let server: BenchServer | null = null;

  async function client(id: number) {
    for (let n = 0; !stop; n++) {
      if (!server) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      // A log file's worth of text (the upload check reads the content, so it must be text).
      const bytes = Buffer.from(crypto.randomBytes(2048 + Math.floor(Math.random() * 30_000)).toString("hex"));
      const file = `log-${id}-${n}.txt`;
      const body = JSON.stringify({ name: `Client ${id}`, email: `client${id}@example.com`, subject: `Crash ${id}-${n}`, message: "Opened while the server may die.", topicId: topic.id, attachments: [{ [file]: `data:text/plain;base64,${bytes.toString("base64")}` }] });
      sent++;
      const res = await fetch(`${server.base}/api/tickets.json`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body }).catch(() => null);
      // Acknowledged means the client learned the number: a 201 whose body the kill cut off is not.
      const number = res?.status === 201 ? (await res.text().catch(() => "")).trim() : "";
      if (number) acknowledged.push({ number, file, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
      else {
        refused++;
        const why = !res ? "no answer" : res.status === 201 ? "201 with its body cut off" : `${res.status} ${(await res.text().catch(() => "")).trim().slice(0, 80)}`;
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    }
  }

  const started = Date.now();
  const clients = Array.from({ length: o.clients }, (_, i) => client(i));
  for (let kill = 1; kill <= o.kills; kill++) {
    server = await startServer(env);
    // A random life of 1–8 s: long enough on a busy machine for some requests to finish, short enough to cut others.
    await new Promise((r) => setTimeout(r, 1000 + Math.random() * 7000));
    const victim = server;
    server = null;
    await stopServer(victim, "SIGKILL");
    process.stdout.write(`\rkilled ${kill}/${o.kills}, acknowledged ${acknowledged.length}`);
  }
  // A last life without a kill, so the clients' final requests settle.
  server = await startServer(env);
  await new Promise((r) => setTimeout(r, 1000));
  stop = true;
  await Promise.all(clients);
  await stopServer(server);
  const seconds = (Date.now() - started) / 1000;

  // Every acknowledged ticket, with its attachment row and the same bytes on disk.
  const target = databaseTarget(env.DATABASE_URL);
  const sqlite = new Database(target.provider === "sqlite" ? target.file : "", { readonly: true });
  const integrity = (sqlite.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
  const find = sqlite.prepare(`SELECT a."storageKey", a."size", a."fileName" FROM "Ticket" t JOIN "ThreadEntry" e ON e."ticketId" = t."id" JOIN "Attachment" a ON a."entryId" = e."id" WHERE t."number" = ?`);
  const missing: string[] = [];
  for (const ack of acknowledged) {
    const rows = find.all(ack.number) as { storageKey: string; size: number; fileName: string }[];
    const row = rows.find((r) => r.fileName === ack.file);
    const filePath = row ? path.join(env.ATTACHMENTS_DIR, row.storageKey) : "";
    const ok = row && fs.existsSync(filePath) && crypto.createHash("sha256").update(fs.readFileSync(filePath)).digest("hex") === ack.sha256;
    if (!ok) missing.push(`${ack.number} (${row ? "file differs or missing" : "no ticket or attachment row"})`);
  }
  const tickets = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Ticket"`).get() as { n: number }).n;
  sqlite.close();

  console.log(`\n\nCrash safety, SQLite, ${o.kills} SIGKILLs in ${seconds.toFixed(0)} s, ${o.clients} clients`);
  console.log(`  requests sent           ${sent}`);
  console.log(`  acknowledged (201)      ${acknowledged.length}`);
  console.log(`  not acknowledged        ${refused} (connection cut by a kill, or refused while starting): ${[...reasons].map(([k, n]) => `${k} ×${n}`).join("; ")}`);
  console.log(`  tickets in the database ${tickets} (acknowledged or not: a ticket committed just before a kill may have lost only its answer)`);
  console.log(`  acknowledged but lost   ${missing.length}${missing.length ? `: ${missing.slice(0, 10).join(", ")}` : ""}`);
  console.log(`  PRAGMA integrity_check  ${integrity}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (missing.length || integrity !== "ok") process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
