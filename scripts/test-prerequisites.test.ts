// The prerequisites table of `npm test`: which rows a run needs, how a tool is found, and what the
// step decides to do (install, start, or stop with the command) for each way a machine can be.
// The last tests run the step itself on this machine with a PATH that hides a tool.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  askedFor,
  isAskedFor,
  leftOut,
  locate,
  neededRows,
  plan,
  PREREQUISITES,
  probe,
  probePostgres,
  suitesLeftOut,
  type InstallRights,
  type Prerequisite,
  type ProbeResult,
} from "./test-prerequisites.cjs";
import { needDatabase } from "../test/tools";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-prereq-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const row = (name: string) => PREREQUISITES.find((r) => r.name === name)!;
const names = (rows: Prerequisite[]) => rows.map((r) => r.name);

function executable(dir: string, name: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
  return file;
}

describe("the table", () => {
  it("names every row once, and every row says how to find it and which suites need it", () => {
    expect(new Set(names(PREREQUISITES)).size).toBe(PREREQUISITES.length);
    for (const r of PREREQUISITES) {
      expect(Object.keys(r.find).length, r.name).toBeGreaterThan(0);
      expect(r.suites.length, r.name).toBeGreaterThan(0);
      expect(r.debian || r.get, `${r.name}: a Debian package or how to get it`).toBeTruthy();
    }
  });

  it("asks for PostgreSQL and its client tools only when the run covers PostgreSQL, and Chromium only for the browser suites", () => {
    const full = names(neededRows({ suites: ["lint", "unit", "browser-sqlite", "browser-postgresql"], databases: ["sqlite", "postgresql"] }));
    expect(full).toEqual(expect.arrayContaining(["chromium", "dovecot", "postgresql", "pg-client"]));
    const sqliteUnit = names(neededRows({ suites: ["unit"], databases: ["sqlite"] }));
    expect(sqliteUnit).toContain("dovecot");
    expect(sqliteUnit).not.toContain("postgresql");
    expect(sqliteUnit).not.toContain("pg-client");
    expect(sqliteUnit).not.toContain("chromium");
    expect(neededRows({ suites: ["lint", "types"], databases: ["sqlite", "postgresql"] })).toEqual([]);
  });

  it("reads TEST_WITHOUT as a list and refuses a name it does not know", () => {
    expect([...leftOut({ TEST_WITHOUT: "dovecot, nginx" })]).toEqual(["dovecot", "nginx"]);
    expect(leftOut({}).size).toBe(0);
    expect(() => leftOut({ TEST_WITHOUT: "dovecot,dovcot" })).toThrow(/dovcot.*Known: chromium/);
  });

  it("leaves out whole suites only for a tool they cannot run without", () => {
    const suites = ["unit", "browser-sqlite", "browser-postgresql"];
    expect([...suitesLeftOut(suites, { TEST_WITHOUT: "chromium" })]).toEqual([
      ["browser-sqlite", askedFor("TEST_WITHOUT=chromium")],
      ["browser-postgresql", askedFor("TEST_WITHOUT=chromium")],
    ]);
    expect(suitesLeftOut(suites, { TEST_WITHOUT: "dovecot" }).size).toBe(0);
  });

  it("tells a skip the run asked for from any other", () => {
    expect(isAskedFor(askedFor("TEST_WITHOUT=dovecot"))).toBe(true);
    expect(isAskedFor("no reason given")).toBe(false);
    expect(isAskedFor("asked for")).toBe(false);
    expect(isAskedFor(undefined)).toBe(false);
  });
});

describe("finding a tool", () => {
  const tool: Prerequisite = { name: "t", what: "T", find: { env: "T_PATH", commands: ["t-tool"], paths: [path.join(tmp, "sbin", "t-tool")] }, debian: "t", suites: ["unit"] };

  it("takes the override first, then PATH, then the fixed locations", () => {
    const onPath = executable(path.join(tmp, "bin"), "t-tool");
    const fixed = executable(path.join(tmp, "sbin"), "t-tool");
    const override = executable(path.join(tmp, "elsewhere"), "t");
    expect(locate(tool, { T_PATH: override, PATH: path.join(tmp, "bin") })).toEqual({ path: override });
    expect(locate(tool, { PATH: path.join(tmp, "bin") })).toEqual({ path: onPath });
    expect(locate(tool, { PATH: path.join(tmp, "empty") })).toEqual({ path: fixed });
  });

  it("says what it looked at when nothing is there, and marks a wrong override (installing would not help)", () => {
    const nowhere = { ...tool, find: { ...tool.find, paths: [path.join(tmp, "none", "t-tool")] } };
    const missing = locate(nowhere, { PATH: path.join(tmp, "empty") });
    expect(missing.missing).toContain("t-tool on PATH");
    expect(missing.missing).toContain(path.join(tmp, "none", "t-tool"));
    expect(missing.override).toBeUndefined();
    expect(locate(nowhere, { T_PATH: path.join(tmp, "nope"), PATH: "" })).toEqual({ missing: `T_PATH=${path.join(tmp, "nope")} is not an executable file`, override: "T_PATH" });
  });

  it("needs every command of a row (pg_dump and pg_restore)", () => {
    const both: Prerequisite = { name: "two", what: "Two", find: { commands: ["one-a", "one-b"] }, debian: "two", suites: ["unit"] };
    executable(path.join(tmp, "two"), "one-a");
    expect(locate(both, { PATH: path.join(tmp, "two") }).missing).toContain("one-b on PATH");
    executable(path.join(tmp, "two"), "one-b");
    expect(locate(both, { PATH: path.join(tmp, "two") }).path).toBe(path.join(tmp, "two", "one-a"));
  });

  it("finds data folders relative to the repository", () => {
    const data: Prerequisite = { name: "d", what: "D", find: { dirs: [path.relative(root, tmp)], file: "manifest.json" }, debian: null, get: "x", suites: ["unit"] };
    expect(locate(data).missing).toContain("manifest.json");
    fs.writeFileSync(path.join(tmp, "manifest.json"), "{}");
    expect(locate(data).path).toBe(tmp);
  });
});

describe("deciding what to do", () => {
  const missing = (name: string, fix: "install" | "start" | "manual" = "install"): ProbeResult =>
    fix === "start"
      ? { row: row(name), ok: false, problem: "installed but not running", fix, cluster: { version: "15", cluster: "main", port: 5432, status: "down" } }
      : { row: row(name), ok: false, problem: "not found", fix };
  const found = (name: string): ProbeResult => ({ row: row(name), ok: true, where: "/usr/bin/x" });
  const as = (who: InstallRights["as"], extra: Partial<InstallRights> = {}): InstallRights => ({ manager: "apt", as: who, allowed: true, ...extra });

  it("does nothing when everything is there", () => {
    expect(plan([found("chromium"), found("dovecot")], { rights: as("user") })).toEqual({ install: [], start: [], stop: null });
  });

  it("installs the Debian packages as root or with sudo, and starts a stopped PostgreSQL", () => {
    for (const who of ["root", "sudo"] as const) {
      const decision = plan([missing("chromium"), missing("dovecot"), found("nginx"), missing("postgresql", "start")], { rights: as(who) });
      expect(decision.stop).toBeNull();
      expect(decision.install).toEqual(["chromium", "dovecot-imapd"]);
      expect(decision.start).toEqual([{ version: "15", cluster: "main", port: 5432, status: "down" }]);
    }
  });

  it("stops a plain user at once with the sudo commands, and with the way to leave the tools out", () => {
    const { stop, install } = plan([missing("chromium"), missing("dovecot"), missing("postgresql", "start")], { rights: as("user") });
    expect(install).toEqual([]);
    expect(stop).toContain("sudo apt-get update && sudo apt-get install -y chromium dovecot-imapd");
    expect(stop).toContain("sudo pg_ctlcluster --skip-systemctl-redirect 15 main start");
    expect(stop).toContain("TEST_WITHOUT=chromium,dovecot npm test");
    expect(stop).toContain("TEST_DATABASES=sqlite npm test");
    expect(stop).toContain("passwordless sudo");
  });

  it("stops root too when TEST_INSTALL=0, with commands that need no sudo", () => {
    const { stop } = plan([missing("faketime")], { rights: as("root", { allowed: false }) });
    expect(stop).toContain("\n  apt-get update && apt-get install -y faketime");
    expect(stop).not.toContain("sudo");
    expect(stop).toContain("TEST_INSTALL=0");
  });

  it("names the packages without apt, and the Playwright browser for Chromium", () => {
    const { stop } = plan([missing("chromium"), missing("nginx")], { rights: { manager: null, as: "root", allowed: true } });
    expect(stop).toContain("Debian's names: chromium nginx");
    expect(stop).toContain("npx playwright install chromium");
  });

  it("stops for what no package fixes: a wrong override, a corpus, a PostgreSQL that refuses the login", () => {
    const { stop } = plan(
      [
        { row: row("dovecot"), ok: false, problem: "DOVECOT_PATH=/x is not an executable file", fix: "manual" },
        missing("mail-corpus", "manual"),
        { row: row("postgresql"), ok: false, problem: "password authentication failed", fix: "manual" },
      ],
      { rights: as("root") },
    );
    expect(stop).toContain("point DOVECOT_PATH at dovecot, or unset it");
    expect(stop).toContain("../shared/mail-corpus");
    expect(stop).toContain("TEST_POSTGRES_URL");
    expect(stop).toContain("TEST_WITHOUT=dovecot,mail-corpus npm test");
    expect(stop).not.toContain("apt-get");
  });

  it("stops after one attempt: what is still missing after installing is reported, not installed again", () => {
    const { stop, install } = plan([missing("faketime")], { rights: as("root"), retried: true });
    expect(install).toEqual([]);
    expect(stop).toMatch(/^Still missing after installing/);
  });
});

describe("probing", () => {
  it("sees the tests' PostgreSQL up", needDatabase("postgresql"), async () => {
    expect(await probePostgres(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")).toEqual({ state: "up" });
  });

  it("sees a port where nothing listens as down, with nothing to start there", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = await probePostgres(`postgresql://postgres@127.0.0.1:${port}/postgres`);
    expect(down.state).toBe("down");
    // No cluster of this machine listens on that port, so there is nothing to start: install.
    const [result] = await probe([row("postgresql")], { ...process.env, TEST_POSTGRES_URL: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    expect(result).toMatchObject({ ok: false, fix: "install" });
  });
});

describe("the step on its own (node scripts/test-prerequisites.cjs)", () => {
  // PATH with everything the table finds on PATH except faketime: the step must notice the gap.
  function pathWithout(hidden: string) {
    const dir = path.join(tmp, `path-without-${hidden}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const r of PREREQUISITES) {
      for (const command of r.find.commands ?? []) {
        if (command === hidden) continue;
        const real = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
        if (real && !fs.existsSync(path.join(dir, command))) fs.symlinkSync(real, path.join(dir, command));
      }
    }
    return dir;
  }

  it("stops at once with the command to run when it may not install, and accepts the tool left out", () => {
    // Whatever this run already leaves out stays out, so the only gap is the hidden one.
    const already = process.env.TEST_WITHOUT ?? "";
    const env = { ...process.env, PATH: pathWithout("faketime"), TEST_INSTALL: "0", TEST_DATABASES: "sqlite", TEST_SUITES: "unit", TEST_WITHOUT: already };
    const stopped = spawnSync(process.execPath, [path.join(root, "scripts", "test-prerequisites.cjs")], { cwd: root, env, encoding: "utf8" });
    expect(stopped.status).toBe(1);
    expect(stopped.stdout).toMatch(/✗ faketime/);
    expect(stopped.stderr).toContain("libfaketime (moves a whole server's clock): not found (looked for faketime on PATH)");
    // On a machine that lacks other tools too (a bare `vitest run` before `npm test` installed them),
    // the one command names them all; faketime must be among them.
    expect(stopped.stderr).toMatch(/apt-get update && (sudo )?apt-get install -y [^\n]*\bfaketime\n/);
    const leaveOut = /TEST_WITHOUT=(\S+) npm test/.exec(stopped.stderr)?.[1] ?? "";
    expect(leaveOut.split(",")).toContain("faketime");

    const leftOutRun = spawnSync(process.execPath, [path.join(root, "scripts", "test-prerequisites.cjs")], { cwd: root, env: { ...env, TEST_WITHOUT: `${already},${leaveOut}` }, encoding: "utf8" });
    expect(leftOutRun.stderr).toBe("");
    expect(leftOutRun.status).toBe(0);
    expect(leftOutRun.stdout).toContain(`– faketime        left out: ${askedFor("TEST_WITHOUT=faketime")}`);
  });
});
