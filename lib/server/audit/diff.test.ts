import { describe, expect, it } from "vitest";
import { auditChanges, displayValue, fieldLabel } from "./diff";

describe("auditChanges", () => {
  it("lists only the fields that changed, readably", () => {
    const before = JSON.stringify({ name: "Billing", manager: null, public: true, access: ["A: x"] });
    const after = JSON.stringify({ name: "Billing", manager: "Jane Doe", public: false, access: ["A: x", "B: y"] });
    expect(auditChanges(before, after)).toEqual([
      { field: "manager", before: "—", after: "Jane Doe" },
      { field: "public", before: "yes", after: "no" },
      { field: "access", before: "A: x", after: "A: x, B: y" },
    ]);
  });

  it("shows every field of a creation and of a deletion", () => {
    expect(auditChanges(null, JSON.stringify({ name: "New", sortOrder: 3 }))).toEqual([
      { field: "name", before: "—", after: "New" },
      { field: "sort order", before: "—", after: "3" },
    ]);
    expect(auditChanges(JSON.stringify({ name: "Old" }), null)).toEqual([{ field: "name", before: "Old", after: "—" }]);
  });

  it("survives a corrupt row", () => {
    expect(auditChanges("{not json", "[1,2]")).toEqual([]);
  });

  it("labels and values", () => {
    expect(fieldLabel("firstResponseMinutes")).toBe("first response minutes");
    expect(displayValue([])).toBe("—");
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
  });
});
