// The production server for the fault and load benchmarks: scripts/server-entry.cjs on the
// standalone build (what `npm start` runs after its migrations), started and stopped at will.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { runtimeEnv } from "../scripts/runtime-env.mjs";

const root = path.resolve(import.meta.dirname, "..");

export type BenchServer = { process: ChildProcess; base: string; log: () => string };

/** The environment `npm start` would resolve, for a server on 127.0.0.1:port. */
export function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv & Record<string, string> {
  return { ...(runtimeEnv({ ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}`, OUTBOX_WORKER: "0", IMAP_POLLER: "0", SEED_DEMO: "0", ...extra }) as Record<string, string>), NODE_ENV: "production" };
}

/** Live benchmark servers, stopped when the bench exits however it exits (a failed run must not leave one on the port). */
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<BenchServer> {
  const base = `http://127.0.0.1:${env.PORT}`;
  // Something already answering there would be measured instead (e.g. a server a failed run left).
  if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`something already answers on ${base}: stop it, or choose another --port`);
  const standalone = path.join(root, ".next", "standalone");
  const child = spawn(process.execPath, [path.join(root, "scripts", "server-entry.cjs"), standalone], { cwd: standalone, env, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let log = "";
  child.stdout!.on("data", (d) => (log = (log + d).slice(-200_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-200_000)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`the server stopped before it answered:\n${log}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { process: child, base, log: () => log };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s:\n${log}`);
}

export async function stopServer(server: BenchServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode) return;
  const exited = new Promise((r) => server.process.once("exit", r));
  server.process.kill(signal);
  await exited;
}

/** p-th percentile (0–100) of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
