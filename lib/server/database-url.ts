// Which database the app talks to. No DATABASE_URL means the embedded SQLite default, so a fresh
// checkout runs with zero set-up; a postgres:// URL switches the same build to PostgreSQL.
import path from "node:path";

export const DEFAULT_SQLITE_FILE = path.join("data", "helpdesk.db");

export type DatabaseTarget =
  | { provider: "sqlite"; file: string; embeddedDefault: boolean }
  | { provider: "postgresql"; url: string };

export function databaseTarget(url: string | undefined): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { provider: "sqlite", file: path.resolve(DEFAULT_SQLITE_FILE), embeddedDefault: true };
  if (/^postgres(ql)?:\/\//i.test(value)) return { provider: "postgresql", url: value };
  if (value.startsWith("file:")) {
    const file = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    return { provider: "sqlite", file: path.resolve(file), embeddedDefault: false };
  }
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${value.split(":")[0]}:")`);
}

/**
 * node-pg lets a connection string's database win over any other option, so the migration
 * engine's shadow database would silently be the real one. Splitting the URL into fields avoids it.
 */
export function postgresConfig(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ssl: ["require", "verify-full", "verify-ca"].includes(u.searchParams.get("sslmode") ?? "") ? { rejectUnauthorized: u.searchParams.get("sslmode") !== "require" } : undefined,
  };
}
