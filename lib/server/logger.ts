// The server's one logger (pino: fast, maintained, JSON lines). Everything it writes passes
// lib/server/redact.ts first: secret fields by name at any depth, errors (message, stack, cause),
// and secrets in free text. The server's own console output (Next's errors included) is routed
// here too (routeConsoleToLogger, called at start-up), so nothing reaches the log unredacted.
// LOG_LEVEL sets the level (default info). Lines go to stdout; under `npm start` the start script
// writes them to the rotated files in the data folder's logs (scripts/log-files.mjs), one writer
// for every process of the cluster.
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";
import { redactText, redactValue, rememberEnvironmentSecrets } from "./redact";

/** Where log lines go: stdout, read line by line by the start script's log file writer. */
export function logDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

export function createLogger(destination: DestinationStream = logDestination(), level = process.env.LOG_LEVEL ?? "info"): Logger {
  rememberEnvironmentSecrets();
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: (e: unknown) => redactValue(e) },
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const globalForLogger = globalThis as unknown as { helpdeskLogger?: Logger };
export const logger: Logger = globalForLogger.helpdeskLogger ?? (globalForLogger.helpdeskLogger = createLogger());

const LEVELS = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" } as const;

/**
 * Sends console.log/info/debug/warn/error through the logger, so what libraries and Next print is
 * redacted and formatted like the rest. An Error among the arguments becomes the line's `err`.
 */
export function routeConsoleToLogger(target: Logger = logger): void {
  const routed = console as unknown as { __helpdeskRouted?: boolean };
  if (routed.__helpdeskRouted) return;
  routed.__helpdeskRouted = true;
  for (const [name, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[name] = (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      const text = format(...args.filter((a) => a !== err));
      if (err) target[level]({ err }, text);
      else target[level](text);
    };
  }
}
