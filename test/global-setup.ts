// Once per Vitest run: fails fast, with a clear message, when PostgreSQL is expected but not
// reachable; names the run's database templates (test/databases.ts migrates them when a test file
// first asks) and removes them when the run ends.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { postgresConfig } from "@/lib/server/database-url";
import { dropTemplates, POSTGRES_ADMIN_URL, testDatabaseKinds, type TemplateLocation } from "./databases";

async function checkPostgres() {
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

export default async function setup(project: TestProject) {
  const kinds = testDatabaseKinds();
  if (kinds.includes("postgresql")) await checkPostgres();
  const location: TemplateLocation = {
    sqliteDir: fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-template-")),
    postgresName: `helpdesk_tpl_${crypto.randomBytes(6).toString("hex")}`,
  };
  project.provide("databaseTemplates", location);
  return () => dropTemplates(location, kinds);
}
