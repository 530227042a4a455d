// Fails fast, with a clear message, when PostgreSQL is expected but not reachable.
import pg from "pg";
import { postgresConfig } from "@/lib/server/database-url";
import { POSTGRES_ADMIN_URL, testDatabaseKinds } from "./databases";

export default async function setup() {
  if (!testDatabaseKinds().includes("postgresql")) return;
  const client = new pg.Client({ ...postgresConfig(POSTGRES_ADMIN_URL), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). Start it, set TEST_POSTGRES_URL, or run with TEST_DATABASES=sqlite.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
