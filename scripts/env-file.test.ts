// The environment file, read from a real file in a folder whose path has spaces (as
// C:\ProgramData\Help Desk would), and through `npm run manage` as an operator runs it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvFileError, envFileLocation, withEnvFile } from "./env-file.mjs";
import { root } from "./runtime-env.mjs";

let dir: string;
const SECRET = "planted-session-secret-0123456789abcdef";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "help desk env "));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe("withEnvFile", () => {
  it("adds the file's settings under the real environment, which wins", () => {
    const file = write("named.env", [
      "# a comment",
      "APP_URL=https://helpdesk.example.com",
      "PORT=3001",
      String.raw`DATA_DIR=C:\ProgramData\Help Desk`,
      String.raw`PG_BIN='C:\Program Files\PostgreSQL\16\bin'`,
      `NEXTAUTH_SECRET="${SECRET}"`,
      "EMPTY_IN_REAL=from-file",
      "",
    ].join("\r\n"));
    const { env, file: read, names } = withEnvFile({ HELPDESK_ENV_FILE: file, PORT: "4000", EMPTY_IN_REAL: "" }, root);
    expect(read).toBe(file);
    expect(env.APP_URL).toBe("https://helpdesk.example.com");
    expect(env.PORT).toBe("4000");
    expect(env.EMPTY_IN_REAL).toBe("");
    expect(env.DATA_DIR).toBe(String.raw`C:\ProgramData\Help Desk`);
    expect(env.PG_BIN).toBe(String.raw`C:\Program Files\PostgreSQL\16\bin`);
    expect(env.NEXTAUTH_SECRET).toBe(SECRET);
    expect(names.sort()).toEqual(["APP_URL", "DATA_DIR", "NEXTAUTH_SECRET", "PG_BIN"]);
  });

  it("reads a file saved with a byte order mark (Notepad) and ignores HELPDESK_ENV_FILE inside it", () => {
    const file = write("bom.env", "\uFEFFAPP_URL=https://bom.example.com\nHELPDESK_ENV_FILE=elsewhere.env\n");
    const { env, names } = withEnvFile({ HELPDESK_ENV_FILE: file }, root);
    expect(env.APP_URL).toBe("https://bom.example.com");
    expect(env.HELPDESK_ENV_FILE).toBe(file);
    expect(names).toEqual(["APP_URL"]);
  });

  it("finds helpdesk.env in the data folder by default, and does without one", () => {
    const dataDir = path.join(dir, "data folder");
    expect(envFileLocation({ DATA_DIR: dataDir }, root)).toEqual({ file: path.join(dataDir, "helpdesk.env"), required: false });
    expect(withEnvFile({ DATA_DIR: dataDir }, root)).toEqual({ env: { DATA_DIR: dataDir }, file: null, names: [] });
    write(path.join("data folder", "helpdesk.env"), "WEB_CONCURRENCY=2\n");
    expect(withEnvFile({ DATA_DIR: dataDir }, root).env.WEB_CONCURRENCY).toBe("2");
  });

  it("refuses a named file that is missing", () => {
    expect(() => withEnvFile({ HELPDESK_ENV_FILE: path.join(dir, "missing.env") }, root)).toThrow(EnvFileError);
  });
});

describe("npm run manage with an environment file", () => {
  it("takes its settings from the file and prints none of its secrets", async () => {
    // A bad TRUSTED_PROXIES in the file stops manage at its configuration check, before any database
    // work: proof the file was read, and the output can be searched for the planted secret.
    const file = write("manage settings.env", `TRUSTED_PROXIES=not-an-address\nNEXTAUTH_SECRET=${SECRET}\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, HELPDESK_ENV_FILE: file, DATABASE_URL: "", DATA_DIR: path.join(dir, "manage data") };
    delete env.TRUSTED_PROXIES;
    delete env.NEXTAUTH_SECRET;
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [tsx, "--conditions=react-server", "scripts/manage.ts", "migrate"], { cwd: root, env });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("TRUSTED_PROXIES must list addresses");
    expect(result.output).toContain("not-an-address");
    expect(result.output).not.toContain(SECRET);
  }, 60_000);
});
