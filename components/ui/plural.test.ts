import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it.each<[number, string, string | undefined, string]>([
    [0, "ticket", undefined, "0 tickets"],
    [1, "ticket", undefined, "1 ticket"],
    [2, "ticket", undefined, "2 tickets"],
    [1204, "ticket", undefined, "1,204 tickets"],
    [1, "department", undefined, "1 department"],
    [3, "reply", "replies", "3 replies"],
    [1, "reply", "replies", "1 reply"],
  ])("%d %s", (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });
});
