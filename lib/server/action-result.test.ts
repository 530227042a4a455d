import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { databaseTarget } from "./database-url";
import { AppError } from "./errors";
import { createDb } from "./prisma";
import { fieldErrorsOf, run } from "./action-result";

describe("run", () => {
  it("passes data through", async () => {
    expect(await run(async () => 42)).toEqual({ ok: true, data: 42 });
  });

  it("keeps an AppError's message, field errors and details", async () => {
    const result = await run(async () => {
      throw new AppError("CONFLICT", "Changed.", { body: "x" }, ["Jane did it"]);
    });
    expect(result).toEqual({ ok: false, code: "CONFLICT", message: "Changed.", fieldErrors: { body: "x" }, details: ["Jane did it"] });
  });

  it("never shows an unknown error's text", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await run(async () => {
      throw new Error("SELECT secret FROM passwords");
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("secret");
    log.mockRestore();
  });

  it("tells the user to try again when the database is down, for real", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    // Nothing listens on port 1: the same failure as a PostgreSQL server that is briefly away.
    const db = createDb(databaseTarget("postgresql://postgres@127.0.0.1:1/none"));
    const result = await run(() => db.staff.count());
    await db.$disconnect();
    expect(result).toMatchObject({ ok: false, code: "UNAVAILABLE" });
    expect(!result.ok && result.message).toMatch(/try again/);
    log.mockRestore();
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message per field", () => {
    const parsed = z.object({ a: z.string().min(2, "too short").max(1, "too long"), b: z.object({ c: z.number("a number") }) }).safeParse({ a: "", b: { c: "x" } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrorsOf(parsed.error)).toEqual({ a: "too short", "b.c": "a number" });
  });
});
