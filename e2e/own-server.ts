// A second production server for tests that change sign-in for everyone (single sign-on
// configuration, passwords off), so the shared server the other specs use is never affected. Same
// build, same start script, its own database (SQLite file, or a PostgreSQL database on the server
// E2E_DATABASE_URL names) and its own environment.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type OwnServer = { url: string; databaseUrl: string; stop: () => Promise<void> };

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer within 3 minutes:\n${log()}`);
}

export async function startOwnServer(port: number, env: Record<string, string>): Promise<OwnServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-e2e-own-"));
  const shared = process.env.E2E_DATABASE_URL ?? "";
  let databaseUrl = `file:${path.join(dataDir, "helpdesk.db")}`;
  let dropDatabase = async () => {};
  if (/^postgres(ql)?:/.test(shared)) {
    const name = `helpdesk_e2e_own_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new URL(shared);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    // A throw-away database: commits need not wait for the disk (see scripts/test-scratch.cjs).
    await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
    await client.end();
    const own = new URL(shared);
    own.pathname = `/${name}`;
    databaseUrl = own.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: path.resolve(__dirname, ".."),
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), HELPDESK_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"), SEED_DEMO: "1", PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: url, SKIP_BUILD_CHECK: "1", IMAP_POLLER: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitForHealth(url, child, () => output);
  return {
    url,
    databaseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
