// The Windows guide (deploy/windows/README.md) checked against the code, so it cannot drift: the
// manage commands it shows are ones manage's own parser accepts, with the options that command's
// help lists; the environment variables it names are ones the app reads, and it lists every one
// .env.example offers an operator; what it says about web.config is what web.config does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine, SERVICE_ACTIONS, USAGE } from "../scripts/manage-args";

const root = path.resolve(__dirname, "..");
const read = (...parts: string[]) => fs.readFileSync(path.join(root, ...parts), "utf8");
const guide = read("deploy", "windows", "README.md");
const webConfig = read("deploy", "windows", "web.config");
const envExample = read(".env.example");

/** Words of a PowerShell command line: double-quoted strings kept whole, a trailing `# comment` dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[2]?.startsWith("#")) break;
    out.push(m[1] ?? m[2]);
  }
  return out;
}

// `npm run manage -- …` (prose) and `npm.cmd run manage -- …` (commands), up to the end of the
// inline code or line.
const manageLines = [...guide.matchAll(/npm(?:\.cmd)? run manage -- ([^`\n]*)/g)].map((m) => m[1].trim());

/** The command's entry in manage's help: its options, and which of them are required (not in brackets). */
function usageOf(command: string) {
  const entry = USAGE.split("\n").find((l) => l.startsWith(`  ${command} `) || l === `  ${command}`);
  if (!entry) return null;
  const optional = new Set([...entry.matchAll(/\[--([a-z-]+)/g)].map((m) => m[1]));
  const all = new Set([...entry.matchAll(/--([a-z-]+)/g)].map((m) => m[1]));
  return { all, required: [...all].filter((o) => !optional.has(o)) };
}

describe("the guide's manage commands", () => {
  it("shows them all through npm.cmd in its commands (PowerShell's npm.ps1 drops the --)", () => {
    const commandLines = guide.split("\n").filter((l) => /^\s*npm(\.cmd)? /.test(l));
    expect(commandLines.length).toBeGreaterThan(8);
    for (const line of commandLines) expect(line.trim()).toMatch(/^npm\.cmd /);
  });

  it.each(manageLines.filter((l) => !l.includes("…")).map((l) => [l]))("npm run manage -- %s", (line) => {
    const argv = words(line);
    const parsed = parseCommandLine(argv);
    expect(parsed.kind, JSON.stringify(parsed)).toBe("command");
    if (parsed.kind !== "command") return;
    if (parsed.command === "service") expect(SERVICE_ACTIONS).toContain(parsed.action);
    const usage = usageOf(parsed.command);
    expect(usage, `manage's help has no entry for ${parsed.command}`).not.toBeNull();
    const given = Object.keys(parsed.options);
    for (const option of given) expect([...usage!.all], `--${option} of ${parsed.command}`).toContain(option);
    for (const option of usage!.required) expect(given, `${parsed.command} needs --${option}`).toContain(option);
  });

  it("shows the commands an installation needs", () => {
    const shown = new Set(manageLines.map((l) => words(l).slice(0, 2).join(" ")).map((c) => (c.startsWith("service ") ? c : c.split(" ")[0])));
    for (const needed of ["migrate", "create-admin", "service install", "service status", "service uninstall", "backup", "restore", "upgrade"]) expect([...shown]).toContain(needed);
  });

  it("has the scheduled backup run the same command line as npm run manage", () => {
    const manageScript = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.manage;
    expect(manageScript).toBe("tsx --conditions=react-server scripts/manage.ts");
    const task = /-Argument "node_modules\\tsx\\dist\\cli\.mjs (--conditions=react-server) scripts\\manage\.ts (\w+)"/.exec(guide);
    expect(task).not.toBeNull();
    expect(fs.existsSync(path.join(root, "node_modules", "tsx", "dist", "cli.mjs"))).toBe(true);
    expect(parseCommandLine([task![2]])).toMatchObject({ kind: "command", command: "backup" });
  });
});

// Files whose environment reads count: the app, the start script and manage (tests excluded).
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) && !/\.test\./.test(e.name) ? [rel] : [];
  });
}

function namesReadByTheApp(): Set<string> {
  const files = [...sourceFiles("lib"), ...sourceFiles("scripts"), ...sourceFiles("app"), "proxy.ts", "instrumentation.ts", "next.config.js"].filter((f) => fs.existsSync(path.join(root, f)));
  const names = new Set<string>();
  for (const file of files) {
    const text = read(file);
    for (const m of text.matchAll(/\benv(?:\.|\[["'`])([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
    // Single sign-on reads `${prefix}_ISSUER` and so on for each provider's prefix.
    const prefixes = [...text.matchAll(/configFrom\(env, "([A-Z_]+)"/g)].map((m) => m[1]);
    const suffixes = [...text.matchAll(/env\[`\$\{prefix\}_([A-Z_]+)`\]/g)].map((m) => m[1]);
    for (const p of prefixes) for (const s of suffixes) names.add(`${p}_${s}`);
  }
  // HOSTNAME is read by the server Next generates (.next/standalone/server.js), which we run.
  const standaloneTemplate = read("node_modules", "next", "dist", "build", "utils.js");
  if (standaloneTemplate.includes("process.env.HOSTNAME")) names.add("HOSTNAME");
  return names;
}

const assigned = (text: string) => new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
const guideEnvBlocks = [...guide.matchAll(/```ini\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");

/** Every variable the guide names: in its environment file, as `NAME` in prose, or set for the machine. */
function namesInTheGuide(): Set<string> {
  const names = assigned(guideEnvBlocks);
  for (const m of guide.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT|HOSTNAME)`/g)) names.add(m[1]);
  for (const m of guide.matchAll(/SetEnvironmentVariable\("([A-Z_]+)"/g)) names.add(m[1]);
  return names;
}

describe("the guide's environment variables", () => {
  const read = namesReadByTheApp();

  it("finds the readers it looks for (a sanity check of the search itself)", () => {
    for (const name of ["APP_URL", "DATABASE_URL", "TRUSTED_PROXIES", "LOG_KEEP", "AUTH_ENTRA_CLIENT_SECRET", "HOSTNAME"]) expect([...read]).toContain(name);
  });

  it("names only variables the app reads", () => {
    const named = namesInTheGuide();
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((n) => !read.has(n))).toEqual([]);
  });

  it("lists in its environment file every variable .env.example offers an operator, and they are read", () => {
    const offered = assigned(envExample);
    expect(offered.size).toBeGreaterThan(20);
    expect([...offered].filter((n) => !read.has(n))).toEqual([]);
    const inGuide = assigned(guideEnvBlocks);
    expect([...offered].filter((n) => !inGuide.has(n))).toEqual([]);
  });

  it("sets what an installation behind IIS needs", () => {
    const set = new Map([...guideEnvBlocks.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(set.get("APP_URL")).toMatch(/^https:\/\//);
    expect(set.get("TRUSTED_PROXIES")).toBe("127.0.0.1,::1");
    expect(set.get("HOSTNAME")).toBe("127.0.0.1");
    expect(set.get("DATA_DIR")).toBe("C:\\ProgramData\\Helpdesk");
    // The file the guide creates is the one every command is told about.
    expect(guide).toContain('SetEnvironmentVariable("HELPDESK_ENV_FILE", "C:\\ProgramData\\Helpdesk\\helpdesk.env", "Machine")');
    expect(guide).toContain("notepad C:\\ProgramData\\Helpdesk\\helpdesk.env");
  });
});

describe("the guide and web.config", () => {
  it("proxies to the address and port the environment file makes the app listen on", () => {
    const set = new Map([...guideEnvBlocks.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(webConfig).toContain(`<action type="Rewrite" url="http://${set.get("HOSTNAME")}:${set.get("PORT")}/{R:1}" />`);
    expect(guide).toContain(`\`${set.get("HOSTNAME")}:${set.get("PORT")}\``);
  });

  it("allows exactly the server variables web.config sets", () => {
    const setInConfig = [...webConfig.matchAll(/<set name="([A-Z_]+)"/g)].map((m) => m[1]).sort();
    const allowedInGuide = [...guide.matchAll(/allowedServerVariables \/\+"\[name='([A-Z_]+)'\]"/g)].map((m) => m[1]).sort();
    expect(setInConfig.length).toBeGreaterThan(0);
    expect(allowedInGuide).toEqual(setInConfig);
  });

  it("names rules web.config has and its body limit", () => {
    const rules = new Set([...webConfig.matchAll(/<rule name="([^"]+)"/g)].map((m) => m[1]));
    for (const m of guide.matchAll(/\*([^*]+)\* rule/g)) expect([...rules]).toContain(m[1]);
    const limit = Number(/maxAllowedContentLength="(\d+)"/.exec(webConfig)![1]);
    expect(guide).toContain(`bodies up to ${limit / 1024 ** 2} MB`);
    expect(guide).toContain("caches `/_next/static` for a year");
    expect(webConfig).toMatch(/\^\/_next\/static\//);
    expect(webConfig).toContain("max-age=31536000");
  });

  it("quotes web.config only as it is", () => {
    const normal = (xml: string) => xml.replace(/\s+/g, " ").trim();
    for (const m of guide.matchAll(/```xml\n([\s\S]*?)```/g)) expect(normal(webConfig)).toContain(normal(m[1]));
  });
});
