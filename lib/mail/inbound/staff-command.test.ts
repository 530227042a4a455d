import { describe, expect, it } from "vitest";
import { staffCommand } from "./staff-command";

describe("staffCommand", () => {
  it("is a note unless the first line is #reply", () => {
    expect(staffCommand("Checked the logs.\n#reply")).toEqual({ mode: "note", body: "Checked the logs.\n#reply" });
    expect(staffCommand("\n  #Reply  \r\nHello Ken,\nfixed.")).toEqual({ mode: "reply", body: "Hello Ken,\nfixed." });
    expect(staffCommand("#replying later")).toEqual({ mode: "note", body: "#replying later" });
    expect(staffCommand("#reply")).toEqual({ mode: "reply", body: "" });
  });
});
