// pg_dump and pg_restore, found in PG_BIN (e.g. C:\Program Files\PostgreSQL\16\bin) or on PATH.
// The connection goes in libpq's environment variables, never on the command line, where other
// users of the machine could read the password.
import { spawn } from "node:child_process";
import path from "node:path";
import { postgresConfig } from "@/lib/server/database-url";
import { AppError } from "@/lib/server/errors";

function program(name: "pg_dump" | "pg_restore"): string {
  const bin = process.env.PG_BIN?.trim();
  const file = process.platform === "win32" ? `${name}.exe` : name;
  return bin ? path.join(bin, file) : file;
}

/** libpq's variables for the URL: host, port, user, password, database and TLS mode. */
export function libpqEnvironment(url: string): Record<string, string> {
  const config = postgresConfig(url);
  const params = new URL(url).searchParams;
  const env: Record<string, string> = { PGHOST: config.host, PGPORT: String(config.port) };
  if (config.user) env.PGUSER = config.user;
  if (config.password) env.PGPASSWORD = config.password;
  if (config.database) env.PGDATABASE = config.database;
  for (const [param, variable] of [["sslmode", "PGSSLMODE"], ["sslrootcert", "PGSSLROOTCERT"], ["sslcert", "PGSSLCERT"], ["sslkey", "PGSSLKEY"]] as const) {
    const value = params.get(param);
    if (value) env[variable] = value;
  }
  return env;
}

/** The schema Prisma uses: `?schema=` in the URL, or public. */
export function postgresSchema(url: string): string {
  return new URL(url).searchParams.get("schema") || "public";
}

export function runPostgresTool(name: "pg_dump" | "pg_restore", args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program(name), args, { env: { ...process.env, ...libpqEnvironment(url) }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) =>
      reject((error as { code?: string }).code === "ENOENT" ? new AppError("UNAVAILABLE", `${name} was not found. Install the PostgreSQL client tools (the same major version as the server or newer) and put their bin folder on PATH, or set PG_BIN to it.`) : error),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new AppError("UNAVAILABLE", `${name} failed (exit code ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`))));
  });
}
