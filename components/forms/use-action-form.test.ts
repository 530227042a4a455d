import { describe, expect, expectTypeOf, it } from "vitest";
import { callAction, refusalMessage, type ActionData, type ActionResultLike } from "./use-action-form";
import { precheckFiles, uploadFormData } from "./uploads";

type Answer<D> = { ok: true; data: D } | { ok: false; code: string; message: string; fieldErrors: Record<string, string>; details?: string[] };

describe("callAction", () => {
  it("hands the action's data through, typed as the action declares it", async () => {
    const action = async (): Promise<Answer<{ number: string; changedMeanwhile: string[] }>> => ({ ok: true, data: { number: "1001", changedMeanwhile: ["priority"] } });
    const outcome = await callAction(action);
    expect(outcome).toEqual({ ok: true, data: { number: "1001", changedMeanwhile: ["priority"] } });
    if (outcome.ok) expectTypeOf(outcome.data).toEqualTypeOf<{ number: string; changedMeanwhile: string[] }>();
    expectTypeOf<ActionData<ActionResultLike>>().toEqualTypeOf<unknown>();
  });

  it("turns a refusal into a problem with its field errors; a stale version is a conflict", async () => {
    const conflict = await callAction(async (): Promise<Answer<null>> => ({ ok: false, code: "CONFLICT", message: "Someone changed this ticket.", fieldErrors: {}, details: ["Status: Open → Pending"] }));
    expect(conflict).toEqual({ ok: false, answered: true, problem: { message: "Someone changed this ticket.", details: ["Status: Open → Pending"], conflict: true }, fieldErrors: {} });
    const invalid = await callAction(async (): Promise<Answer<null>> => ({ ok: false, code: "INVALID", message: "Check the highlighted fields.", fieldErrors: { body: "Write a reply." } }));
    expect(invalid.ok === false && invalid.problem.conflict).toBe(false);
    expect(invalid.ok === false && invalid.fieldErrors).toEqual({ body: "Write a reply." });
  });

  it("says a lost request in the form's words, and the request guard's refusal as it came", async () => {
    const lost = await callAction(() => Promise.reject(new TypeError("Failed to fetch")), "No connection.");
    expect(lost).toEqual({ ok: false, answered: false, problem: { message: "No connection.", conflict: false }, fieldErrors: {} });
    const refused = await callAction(() => Promise.reject(new Error("Too large to send: at most 25 MB.")), "No connection.");
    expect(refused.ok === false && refused.problem.message).toBe("Too large to send: at most 25 MB.");
    expect(refusalMessage(new Error("boom"))).toBeNull();
  });
});

describe("uploads", () => {
  const limits = { maxFiles: 2, maxFileMb: 1, maxTotalMb: 1.5, allowedTypes: [".png", ".txt"] };
  const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

  it("refuses what the server would refuse before sending it", () => {
    expect(precheckFiles([file("a.png", 10)], limits)).toBeNull();
    expect(precheckFiles([file("a.png", 1), file("b.png", 1), file("c.png", 1)], limits)).toBe("Attach at most 2 files.");
    expect(precheckFiles([file("a.exe", 1)], limits)).toMatch(/this type of file is not accepted/);
    expect(precheckFiles([file("a.png", 1024 * 1024 + 1)], limits)).toBe('"a.png" is larger than 1 MB.');
    expect(precheckFiles([file("a.png", 1024 * 1024), file("b.txt", 1024 * 1024)], limits)).toMatch(/add up to more than 1.5 MB/);
  });

  it("sends values as text and files under one field, leaving out missing values", () => {
    const data = uploadFormData({ ticketId: 4, body: "Hi", statusAfter: "", skip: undefined }, [file("a.png", 3)]);
    expect([...data.keys()]).toEqual(["ticketId", "body", "statusAfter", "attachments"]);
    expect(data.get("ticketId")).toBe("4");
    expect((data.get("attachments") as File).name).toBe("a.png");
  });
});
