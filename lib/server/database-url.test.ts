import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTarget, postgresConfig } from "./database-url";

describe("databaseTarget", () => {
  it.each([
    [undefined, { provider: "sqlite", file: path.resolve("data/helpdesk.db"), embeddedDefault: true }],
    ["", { provider: "sqlite", file: path.resolve("data/helpdesk.db"), embeddedDefault: true }],
    ["file:./x/y.db", { provider: "sqlite", file: path.resolve("x/y.db"), embeddedDefault: false }],
    ["file:/abs/z.db", { provider: "sqlite", file: "/abs/z.db", embeddedDefault: false }],
    ["postgresql://u@h:5/db", { provider: "postgresql", url: "postgresql://u@h:5/db" }],
    ["postgres://u@h/db", { provider: "postgresql", url: "postgres://u@h/db" }],
  ])("reads %s", (url, expected) => {
    expect(databaseTarget(url)).toEqual(expected);
  });

  it("refuses an unknown scheme", () => {
    expect(() => databaseTarget("mysql://x")).toThrow(/file: or postgresql/);
  });
});

describe("postgresConfig", () => {
  it("splits the URL into fields so the database cannot be overridden by accident", () => {
    expect(postgresConfig("postgresql://al%40ice:p%3Ass@db.local:6543/help%20desk")).toEqual({
      host: "db.local",
      port: 6543,
      user: "al@ice",
      password: "p:ss",
      database: "help desk",
      ssl: undefined,
    });
  });

  it("turns sslmode=require into TLS without certificate checks, verify-full with them", () => {
    expect(postgresConfig("postgresql://h/db?sslmode=require").ssl).toEqual({ rejectUnauthorized: false });
    expect(postgresConfig("postgresql://h/db?sslmode=verify-full").ssl).toEqual({ rejectUnauthorized: true });
  });
});
