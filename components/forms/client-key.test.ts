import { afterEach, describe, expect, it, vi } from "vitest";
import { newClientKey } from "./client-key";

describe("newClientKey", () => {
  afterEach(() => vi.restoreAllMocks());

  it("makes distinct v4 UUIDs", () => {
    const keys = new Set(Array.from({ length: 200 }, () => newClientKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("works where crypto.randomUUID is missing (plain http, not a secure context)", () => {
    vi.spyOn(crypto, "randomUUID").mockImplementation(() => {
      throw new TypeError("crypto.randomUUID is not a function");
    });
    expect(newClientKey()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
