import { beforeEach, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { COUNT_TTL_MS, cachedCount, queueCountsChanged, scopeKey } from "./count-cache";

const actor = (over: Partial<StaffActor> = {}): StaffActor => ({ kind: "staff", id: 7, name: "J", email: "j@x", username: "j", isAdmin: false, departments: new Map([[2, new Set()], [1, new Set()]]), teamIds: [3], ...over });

describe("count cache", () => {
  beforeEach(() => queueCountsChanged());

  it("computes once within the time to live, again after it", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cachedCount("k", compute, 1000)).toBe(1);
    expect(await cachedCount("k", compute, 1000 + COUNT_TTL_MS - 1)).toBe(1);
    expect(await cachedCount("k", compute, 1000 + COUNT_TTL_MS)).toBe(2);
  });

  it("forgets everything when tickets change", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    await cachedCount("k", compute, 0);
    queueCountsChanged();
    expect(await cachedCount("k", compute, 1)).toBe(2);
  });

  it("does not remember a failure", async () => {
    await expect(cachedCount("k", () => Promise.reject(new Error("down")), 0)).rejects.toThrow("down");
    await Promise.resolve();
    expect(await cachedCount("k", async () => 5, 1)).toBe(5);
  });

  it("keys by what the actor may see, in any order", () => {
    expect(scopeKey(actor())).toBe(scopeKey(actor({ departments: new Map([[1, new Set()], [2, new Set()]]) })));
    expect(scopeKey(actor())).not.toBe(scopeKey(actor({ teamIds: [] })));
    expect(scopeKey(actor())).not.toBe(scopeKey(actor({ id: 8 })));
    expect(scopeKey(actor({ isAdmin: true }))).toBe("admin:7");
  });
});
