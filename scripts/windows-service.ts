// `npm run manage -- service install|uninstall|status`: the help desk as a Windows service that
// starts at boot (delayed, after the network) and is restarted by Windows when it fails.
//
// The wrapper is WinSW (github.com/winsw/winsw, used by Jenkins and many others): a small
// executable that the Service Control Manager runs, which starts `node scripts/start.mjs`, stops it
// on Ctrl+C, restarts it on failure and keeps its own short log. We take the winsw.exe that the
// node-windows package ships (WinSW 1.17, .NET Framework 4, present on every Windows Server 2016+
// and Windows 10/11), because npm is the one download channel an install needs; node-windows' own
// service API is not used: it wraps node in a JavaScript restarter of its own and writes a config
// we could not check. HELPDESK_WINSW may name a newer WinSW executable (2.x) instead; the generated
// config uses only elements both understand.
//
// The service runs as its own virtual account, NT SERVICE\<id>: Windows manages it, it has no
// password (a normal account's would have to sit in plain text in the wrapper's config), and
// install grants it write access to the data folder only.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import nodePath from "node:path";

// Windows paths whatever system generates or tests the config (it only ever runs on Windows).
const path = nodePath.win32;

export const SERVICE_ID = "helpdesk";
export const SERVICE_NAME = "Help desk";

export class ServiceError extends Error {}

export type ServicePlan = {
  id: string;
  /** The app folder: working directory, start script. */
  root: string;
  nodePath: string;
  envFile: string;
  dataDir: string;
  /** Where the wrapper executable and its config live: DATA_DIR\service. */
  serviceDir: string;
  /** WinSW's own logs (start-up output before the app's log files open, crashes). */
  wrapperLogDir: string;
  account: string;
};

export function servicePlan({ root, nodePath, envFile, dataDir, logDir }: { root: string; nodePath: string; envFile: string; dataDir: string; logDir?: string }): ServicePlan {
  return {
    id: SERVICE_ID,
    root,
    nodePath,
    envFile,
    dataDir,
    serviceDir: path.join(dataDir, "service"),
    wrapperLogDir: path.join(logDir || path.join(dataDir, "logs"), "service"),
    account: `NT SERVICE\\${SERVICE_ID}`,
  };
}

/**
 * One argument as Windows programs (the C runtime's CommandLineToArgvW rules) read it back:
 * quoted when it has spaces, tabs or quotes; backslashes doubled only before a quote.
 */
export function windowsArg(value: string): string {
  if (value && !/[\s"]/.test(value)) return value;
  let out = '"';
  let slashes = 0;
  for (const ch of value) {
    if (ch === "\\") {
      slashes++;
      continue;
    }
    out += ch === '"' ? "\\".repeat(slashes * 2 + 1) + '"' : "\\".repeat(slashes) + ch;
    slashes = 0;
  }
  return `${out}${"\\".repeat(slashes * 2)}"`;
}

export function xmlEscape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The wrapper's config (WinSW's XML), from the plan alone: the same plan gives the same file. */
export function serviceConfigXml(plan: ServicePlan): string {
  const x = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- Written by `npm run manage -- service install`. To change it: service uninstall, then service install. -->",
    "<service>",
    `  <id>${x(plan.id)}</id>`,
    `  <name>${x(SERVICE_NAME)}</name>`,
    `  <description>${x(`The help desk web server from ${plan.root}; settings in ${plan.envFile}.`)}</description>`,
    `  <executable>${x(plan.nodePath)}</executable>`,
    // WinSW hands this string to Windows as the command line's arguments: quoted per Windows rules.
    `  <arguments>${x(windowsArg(path.join(plan.root, "scripts", "start.mjs")))}</arguments>`,
    `  <workingdirectory>${x(plan.root)}</workingdirectory>`,
    `  <env name="HELPDESK_ENV_FILE" value="${x(plan.envFile)}"/>`,
    // The app's rotated files are the log; its console would only fill WinSW's files twice.
    '  <env name="LOG_CONSOLE" value="0"/>',
    "  <startmode>Automatic</startmode>",
    // Read by WinSW 2.x; with 1.17 install sets it through sc.exe (installService below).
    "  <delayedAutoStart>true</delayedAutoStart>",
    // The server restarts its own crashed workers and exits only when it cannot run (a database it
    // cannot reach): Windows starts it again after 10 s, 30 s, then every minute.
    '  <onfailure action="restart" delay="10 sec"/>',
    '  <onfailure action="restart" delay="30 sec"/>',
    '  <onfailure action="restart" delay="60 sec"/>',
    "  <resetfailure>1 hour</resetfailure>",
    // Ctrl+C to node first, so the start script passes the stop on and flushes the log file.
    "  <stopparentprocessfirst>true</stopparentprocessfirst>",
    "  <stoptimeout>20 sec</stoptimeout>",
    `  <logpath>${x(plan.wrapperLogDir)}</logpath>`,
    '  <log mode="roll-by-size">',
    "    <sizeThreshold>1024</sizeThreshold>",
    "    <keepFiles>4</keepFiles>",
    "  </log>",
    "</service>",
    "",
  ];
  return lines.join("\r\n");
}

export type ServiceState = "running" | "stopped" | "not installed";

/** What `winsw status` printed: 1.x/2.x say Started, Stopped or NonExistent; 3.x Active/Inactive. */
export function parseWinswStatus(output: string): ServiceState {
  if (/NonExistent/i.test(output)) return "not installed";
  if (/\bStarted\b|\bActive\b|running/i.test(output)) return "running";
  if (/\bStopped\b|\bInactive\b|stopped/i.test(output)) return "stopped";
  throw new ServiceError(`The service wrapper answered something unexpected: ${output.trim() || "(nothing)"}`);
}

const wrapperExe = (plan: ServicePlan) => path.join(plan.serviceDir, `${plan.id}.exe`);
const wrapperXml = (plan: ServicePlan) => path.join(plan.serviceDir, `${plan.id}.xml`);

/** The WinSW executable to copy: HELPDESK_WINSW, or the one node-windows ships. */
export function winswSource(env: Record<string, string | undefined> = process.env): string {
  if (env.HELPDESK_WINSW?.trim()) return nodePath.resolve(env.HELPDESK_WINSW.trim());
  const require = createRequire(import.meta.url);
  return nodePath.join(nodePath.dirname(require.resolve("node-windows/package.json")), "bin", "winsw", "winsw.exe");
}

function run(program: string, args: string[], what: string): string {
  const result = spawnSync(program, args, { encoding: "utf8", windowsHide: true });
  if (result.error) throw new ServiceError(`${what}: ${program} could not be run (${result.error.message}).`);
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0) throw new ServiceError(`${what} failed (${path.basename(program)} exit code ${result.status}):\n${output}`);
  return output;
}

export function refuseUnlessWindows(platform: NodeJS.Platform = process.platform): void {
  if (platform !== "win32") {
    throw new ServiceError(
      `The Windows service exists only on Windows (this is ${platform}). Elsewhere, run \`npm start\` under the system's own service manager (systemd, launchd) with HELPDESK_ENV_FILE set, and let it restart the help desk on failure.`,
    );
  }
}

export function serviceStatus(plan: ServicePlan): ServiceState {
  refuseUnlessWindows();
  if (!fs.existsSync(wrapperExe(plan))) return "not installed";
  return parseWinswStatus(run(wrapperExe(plan), ["status"], "Asking the service its status"));
}

/** Installs, configures and starts the service; returns what it did, line by line. */
export function installService(plan: ServicePlan, source = winswSource()): string[] {
  refuseUnlessWindows();
  if (serviceStatus(plan) !== "not installed") throw new ServiceError(`The service ${plan.id} is already installed. To install it again (new paths, a new Node): npm run manage -- service uninstall, then install.`);
  if (!fs.existsSync(plan.envFile)) throw new ServiceError(`The environment file ${plan.envFile} does not exist. Create it first (deploy/windows/README.md, step 4).`);
  if (!fs.existsSync(path.join(plan.root, ".next", "standalone", "server.js"))) throw new ServiceError("The app is not built: run npm run build first (the service account may not write to the app folder).");
  if (!fs.existsSync(source)) throw new ServiceError(`The service wrapper ${source} is missing: run npm ci, or set HELPDESK_WINSW to a WinSW executable.`);

  const done: string[] = [];
  fs.mkdirSync(plan.serviceDir, { recursive: true });
  fs.mkdirSync(plan.wrapperLogDir, { recursive: true });
  fs.copyFileSync(source, wrapperExe(plan));
  // WinSW 1.x is a .NET Framework program: its .config lets it run on .NET 4 when 2.0 is absent.
  if (fs.existsSync(`${source}.config`)) fs.copyFileSync(`${source}.config`, `${wrapperExe(plan)}.config`);
  fs.writeFileSync(wrapperXml(plan), serviceConfigXml(plan));
  done.push(`Wrote ${wrapperExe(plan)} and ${wrapperXml(plan)}.`);

  run(wrapperExe(plan), ["install"], "Installing the service");
  const sc = path.join(process.env.SystemRoot ?? "C:\\Windows", "System32", "sc.exe");
  // Delayed start (after the network and the database service) and the virtual account; both set
  // through the Service Control Manager so they hold whatever WinSW version wraps the server.
  run(sc, ["config", plan.id, "start=", "delayed-auto", "obj=", plan.account], "Setting delayed start and the service account");
  run(sc, ["failure", plan.id, "reset=", "3600", "actions=", "restart/10000/restart/30000/restart/60000"], "Setting restart on failure");
  done.push(`Installed the service ${plan.id} ("${SERVICE_NAME}"): starts at boot (delayed), restarts on failure, runs as ${plan.account}.`);

  const icacls = path.join(process.env.SystemRoot ?? "C:\\Windows", "System32", "icacls.exe");
  run(icacls, [plan.dataDir, "/grant", `${plan.account}:(OI)(CI)M`], "Letting the service account write the data folder");
  run(icacls, [plan.root, "/grant", `${plan.account}:(OI)(CI)RX`], "Letting the service account read the app folder");
  done.push(`Gave ${plan.account} write access to ${plan.dataDir} and read access to ${plan.root}.`);

  run(wrapperExe(plan), ["start"], "Starting the service");
  done.push(`Started it: ${serviceStatus(plan)}. Its log: ${path.join(plan.dataDir, "logs")} (the wrapper's own: ${plan.wrapperLogDir}).`);
  return done;
}

export function uninstallService(plan: ServicePlan): string[] {
  refuseUnlessWindows();
  const state = serviceStatus(plan);
  if (state === "not installed") return [`The service ${plan.id} is not installed.`];
  if (state === "running") run(wrapperExe(plan), ["stop"], "Stopping the service");
  run(wrapperExe(plan), ["uninstall"], "Removing the service");
  for (const file of [wrapperExe(plan), `${wrapperExe(plan)}.config`, wrapperXml(plan)]) fs.rmSync(file, { force: true });
  return [`Stopped and removed the service ${plan.id}. The data folder and its logs are left as they are.`];
}
