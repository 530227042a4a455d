// The Windows service command, checked on any system by what it generates: the wrapper's config
// (paths with spaces, characters XML and the Windows command line treat specially), the status
// words of the wrapper, and `manage service` refusing plainly where there is no Windows.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { root } from "./runtime-env.mjs";
import { parseWinswStatus, refuseUnlessWindows, ServiceError, serviceConfigXml, servicePlan, windowsArg, winswSource } from "./windows-service";

/** The arguments a Windows program reads from a command line (the C runtime's rules, as documented). */
function parseWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\") {
      let n = 0;
      while (line[i] === "\\") {
        n++;
        i++;
      }
      if (line[i] === '"') {
        current += "\\".repeat(Math.floor(n / 2));
        if (n % 2) current += '"';
        else quoted = !quoted;
      } else {
        current += "\\".repeat(n);
        i--;
      }
      started = true;
    } else if (ch === '"') {
      quoted = !quoted;
      started = true;
    } else if ((ch === " " || ch === "\t") && !quoted) {
      if (started) args.push(current);
      current = "";
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** Elements of the generated XML: name → text or attributes, in order, entities decoded. */
function readXml(xml: string) {
  const elements: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const open: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attrs) => open.push({ name, attrs, text: "" }),
      ontext: (text) => open.length && (open[open.length - 1].text += text),
      onclosetag: (name) => {
        const element = open.pop()!;
        expect(element.name).toBe(name);
        elements.push(element);
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(xml);
  parser.end();
  expect(open).toEqual([]);
  return elements;
}

const plan = servicePlan({
  root: String.raw`C:\Help Desk & Co\app`,
  nodePath: String.raw`C:\Program Files\nodejs\node.exe`,
  envFile: String.raw`C:\ProgramData\Help Desk\helpdesk <prod>.env`,
  dataDir: String.raw`C:\ProgramData\Help Desk`,
});

describe("windowsArg", () => {
  it.each([
    ["plain", "plain"],
    [String.raw`C:\Program Files\x.mjs`, String.raw`"C:\Program Files\x.mjs"`],
    [String.raw`C:\Program Files\\`, String.raw`"C:\Program Files\\\\"`],
    ['say "hi"', String.raw`"say \"hi\""`],
    ["", '""'],
  ])("quotes %j as %s", (value, expected) => {
    expect(windowsArg(value)).toBe(expected);
  });

  it("gives back exactly the value to a Windows program, whatever it holds", () => {
    const values = [String.raw`C:\Help Desk\app\scripts\start.mjs`, String.raw`C:\trailing\ `, String.raw`a\\"b`, String.raw`x\"y z`, "tab\there", String.raw`C:\end\\`, `"`, ""];
    expect(parseWindowsCommandLine(values.map(windowsArg).join(" "))).toEqual(values);
  });
});

describe("the wrapper's config", () => {
  const xml = serviceConfigXml(plan);
  const elements = readXml(xml);
  const text = (name: string) => elements.filter((e) => e.name === name).map((e) => e.text);

  it("runs node with the start script from the app folder, paths with spaces intact", () => {
    expect(text("id")).toEqual(["helpdesk"]);
    expect(text("executable")).toEqual([String.raw`C:\Program Files\nodejs\node.exe`]);
    expect(parseWindowsCommandLine(text("arguments")[0])).toEqual([String.raw`C:\Help Desk & Co\app\scripts\start.mjs`]);
    expect(text("workingdirectory")).toEqual([String.raw`C:\Help Desk & Co\app`]);
    expect(text("description")[0]).toContain(String.raw`C:\ProgramData\Help Desk\helpdesk <prod>.env`);
  });

  it("passes the environment file and turns the console copy of the log off", () => {
    const env = Object.fromEntries(elements.filter((e) => e.name === "env").map((e) => [e.attrs.name, e.attrs.value]));
    expect(env).toEqual({ HELPDESK_ENV_FILE: String.raw`C:\ProgramData\Help Desk\helpdesk <prod>.env`, LOG_CONSOLE: "0" });
    // No secret travels in the config: they stay in the environment file.
    expect(xml).not.toMatch(/SECRET|KEY|PASSWORD/i);
  });

  it("starts at boot, delayed, and restarts on failure", () => {
    expect(text("startmode")).toEqual(["Automatic"]);
    expect(text("delayedAutoStart")).toEqual(["true"]);
    expect(elements.filter((e) => e.name === "onfailure").map((e) => e.attrs)).toEqual([
      { action: "restart", delay: "10 sec" },
      { action: "restart", delay: "30 sec" },
      { action: "restart", delay: "60 sec" },
    ]);
    expect(text("resetfailure")).toEqual(["1 hour"]);
    expect(text("stopparentprocessfirst")).toEqual(["true"]);
  });

  it("keeps the wrapper's own rolled log in the data folder's logs", () => {
    expect(text("logpath")).toEqual([String.raw`C:\ProgramData\Help Desk\logs\service`]);
    expect(elements.find((e) => e.name === "log")?.attrs).toEqual({ mode: "roll-by-size" });
    expect(text("sizeThreshold")).toEqual(["1024"]);
    expect(text("keepFiles")).toEqual(["4"]);
  });

  it("is written with Windows line ends and the same for the same plan", () => {
    expect(xml.split("\r\n").length).toBeGreaterThan(20);
    expect(xml.replace(/\r\n/g, "")).not.toContain("\n");
    expect(serviceConfigXml(plan)).toBe(xml);
  });
});

describe("the wrapper", () => {
  it("comes with npm ci: node-windows ships WinSW", () => {
    const exe = winswSource({});
    expect(fs.statSync(exe).size).toBeGreaterThan(10_000);
    expect(fs.readFileSync(exe).subarray(0, 2).toString("latin1")).toBe("MZ");
    expect(winswSource({ HELPDESK_WINSW: String.raw`D:\tools\WinSW-x64.exe` })).toContain("WinSW-x64.exe");
  });

  it("reads the status words of WinSW 1.x/2.x and 3.x", () => {
    expect(parseWinswStatus("Started\r\n")).toBe("running");
    expect(parseWinswStatus("Stopped\r\n")).toBe("stopped");
    expect(parseWinswStatus("NonExistent\r\n")).toBe("not installed");
    expect(parseWinswStatus("Active (running)")).toBe("running");
    expect(parseWinswStatus("Inactive (stopped)")).toBe("stopped");
    expect(() => parseWinswStatus("")).toThrow(ServiceError);
  });

  it("refuses everywhere but Windows", () => {
    expect(() => refuseUnlessWindows("linux")).toThrow(/only on Windows \(this is linux\)/);
    expect(() => refuseUnlessWindows("win32")).not.toThrow();
  });
});

function manage(args: string[]): Promise<{ code: number | null; output: string }> {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  // The embedded default in a data folder of its own: manage resolves (and creates) its secrets first.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "service data "));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, "--conditions=react-server", "scripts/manage.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: "", HELPDESK_ENV_FILE: "", DATA_DIR: dataDir } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

describe.skipIf(process.platform === "win32")("npm run manage -- service, away from Windows", () => {
  it("says plainly that the service is for Windows, and how to run it here", async () => {
    const result = await manage(["service", "status"]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("The Windows service exists only on Windows");
    expect(result.output).toContain("systemd");
  }, 60_000);

  it("asks for install, uninstall or status", async () => {
    const result = await manage(["service", "restart"]);
    expect(result.code).toBe(2);
    expect(result.output).toContain("service needs one of: install, uninstall, status.");
  }, 60_000);
});
