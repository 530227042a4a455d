import { describe, expect, it } from "vitest";
import { ZSlaPlanFields } from "./schemas";

const plan = (first: [string, string], resolution: [string, string]) => ({
  name: "Gold",
  firstResponseHours: first[0],
  firstResponseMinutes: first[1],
  resolutionHours: resolution[0],
  resolutionMinutes: resolution[1],
});

describe("SLA plan targets", () => {
  it.each<[[string, string], [string, string]]>([
    [["", ""], ["8", ""]],
    [["1", ""], ["8", ""]],
    [["8", ""], ["8", ""]],
    [["", "30"], ["", "45"]],
  ])("accepts first response %j with resolution %j", (first, resolution) => {
    expect(ZSlaPlanFields.safeParse(plan(first, resolution)).success).toBe(true);
  });

  it.each<[[string, string], [string, string], string]>([
    [["9", ""], ["8", ""], "8 h"],
    [["8", "1"], ["8", ""], "8 h"],
    [["", "50"], ["", "45"], "45 min"],
    [["48", ""], ["24", "30"], "24 h 30 min"],
  ])("refuses first response %j after resolution %j, on the first-response field", (first, resolution, shown) => {
    const parsed = ZSlaPlanFields.safeParse(plan(first, resolution));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path[0] === "firstResponseHours");
    expect(issue?.message).toBe(`The first response must be due no later than the resolution (${shown}).`);
  });
});
