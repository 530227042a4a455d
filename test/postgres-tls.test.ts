// Azure Database for PostgreSQL accepts only TLS. A second, throw-away PostgreSQL cluster with TLS
// on (a self-signed certificate made here) and plain connections refused, on a port of its own, so
// the shared server on 5432 is never touched: the app migrates, reads and writes over
// `sslmode=require`, and a backup goes through pg_dump over TLS too.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "@/lib/backup/database-copy";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/prisma";
import { needDatabase, needTool } from "./tools";

const root = path.resolve(__dirname, "..");
const openssl = needTool("openssl");
const pgTools = needTool("pg-client");
const PG_BIN = process.env.PG_SERVER_BIN ?? "/usr/lib/postgresql/15/bin";

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** PostgreSQL refuses to run as root: the cluster runs as the postgres user when the test is root. */
function asPostgres(command: string, args: string[]) {
  const run = process.getuid?.() === 0 ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" }) : spawnSync(command, args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${path.basename(command)} failed: ${run.stdout}\n${run.stderr}`);
  return run;
}

// Skipped only as a run asks (TEST_WITHOUT, TEST_DATABASES), with the reason.
const options = openssl.skip ? openssl.options : pgTools.skip ? pgTools.options : needDatabase("postgresql");

describe("PostgreSQL over TLS (sslmode=require)", { ...options, timeout: 180_000 }, () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(PG_BIN, "initdb"))) throw new Error(`PostgreSQL's server programs are not in ${PG_BIN} (Debian: apt-get install postgresql); set PG_SERVER_BIN to their folder.`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-tls-"));
    fs.chmodSync(dir, 0o755);
    const data = path.join(dir, "data");
    port = await freePort();
    if (process.getuid?.() === 0) spawnSync("chown", ["postgres", dir]);
    asPostgres(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
    asPostgres(openssl.path!, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(data, "server.key"), "-out", path.join(data, "server.crt"), "-days", "1", "-subj", "/CN=localhost"]);
    fs.chmodSync(path.join(data, "server.key"), 0o600);
    // TLS on; any connection that is not TLS is refused.
    fs.appendFileSync(path.join(data, "postgresql.conf"), `\nssl = on\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\n`);
    fs.writeFileSync(path.join(data, "pg_hba.conf"), "hostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\nlocal all all trust\n");
    asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-w", "start"]);
  });

  afterAll(() => {
    if (dir && fs.existsSync(path.join(dir, "data", "postmaster.pid"))) asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "stop"]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a plain connection, and the app migrates, writes and reads with sslmode=require", async () => {
    const plain = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres", ssl: false });
    await expect(plain.connect()).rejects.toThrow(/no encryption|reject/);
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=require`;
    const migrated = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    expect(migrated.status, migrated.stdout + migrated.stderr).toBe(0);
    const db = createDb(databaseTarget(url));
    try {
      await db.department.create({ data: { name: "Over TLS" } });
      expect((await db.department.findMany({ where: { name: "Over TLS" } })).length).toBe(1);
      const [tls] = await db.$queryRaw<{ ssl: boolean }[]>`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
      expect(tls.ssl).toBe(true);
    } finally {
      await db.$disconnect();
    }
    // pg_dump gets sslmode through libpq's environment.
    const dump = path.join(dir, "over-tls.dump");
    await snapshotDatabase(databaseTarget(url), dump);
    expect(fs.statSync(dump).size).toBeGreaterThan(1000);
  });
});
