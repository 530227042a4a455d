// The two providers share one model: the PostgreSQL schema is derived from the SQLite one, and each
// provider's checked-in migrations must produce exactly its schema.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_ADMIN_URL } from "./databases";
import { needDatabase } from "./tools";

const root = path.resolve(__dirname, "..");

function prisma(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["scripts/prisma.mjs", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("schema drift", () => {
  it("keeps prisma/postgres/schema.prisma generated from prisma/schema.prisma", () => {
    const result = spawnSync(process.execPath, ["scripts/prisma-schemas.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("derives a PostgreSQL schema that differs only in provider and client output", async () => {
    // @ts-expect-error plain ESM script without types
    const { postgresSchema } = await import("../scripts/prisma-schemas.mjs");
    const sqlite = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    const derived: string = postgresSchema(sqlite);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('"sqlite"');
    expect(derived.replace(/^\/\/ GENERATED.*\n/, "").split("\n").length).toBe(sqlite.split("\n").length);
  });

  it("has SQLite migrations that produce the SQLite schema", () => {
    const result = prisma(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"]);
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  });

  it("has PostgreSQL migrations that produce the PostgreSQL schema", needDatabase("postgresql"), () => {
    const result = prisma(["migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--exit-code"], { DATABASE_URL: POSTGRES_ADMIN_URL });
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  });

  it("keeps the same migration names for both providers", () => {
    const names = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((n) => !n.endsWith(".toml")).sort();
    expect(names("prisma/postgres/migrations")).toEqual(names("prisma/migrations"));
  });
});
