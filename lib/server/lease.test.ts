import { describe, expect, it } from "vitest";
import { leaseTtlMs } from "./lease";

describe("leaseTtlMs", () => {
  it.each([
    [undefined, 30_000],
    ["", 30_000],
    ["5", 5_000],
    ["0.5", 30_000],
    ["abc", 30_000],
  ])("LEASE_TTL_SECONDS=%s gives %i ms", (env, ms) => expect(leaseTtlMs(env)).toBe(ms));
});
