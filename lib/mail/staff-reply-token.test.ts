import { beforeAll, describe, expect, it } from "vitest";
import { staffAlertMessageId, verifyStaffReplyId } from "./staff-reply-token";
import { ticketNumberFromMessageId } from "./inbound/ticket-ref";

describe("staff reply tokens in alert Message-IDs", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-1234";
  });

  it("round-trips the ticket and the agent, and still names the ticket for threading", () => {
    const id = staffAlertMessageId("HD-000042", 17, "help.example.com");
    expect(id.length).toBeLessThan(120);
    expect(verifyStaffReplyId(id, "HELP.example.com")).toEqual({ number: "HD-000042", staffId: 17 });
    expect(ticketNumberFromMessageId(id, "help.example.com")).toBe("HD-000042");
    expect(staffAlertMessageId("HD-000042", 17, "help.example.com")).not.toBe(id);
  });

  it("refuses a changed agent, ticket, MAC or domain", () => {
    const id = staffAlertMessageId("000123", 5, "help.example.com");
    expect(verifyStaffReplyId(id.replace("sr_5_", "sr_6_"), "help.example.com")).toBeNull();
    expect(verifyStaffReplyId(id.replace("ticket.000123", "ticket.000124"), "help.example.com")).toBeNull();
    const flipped = id.replace(/([a-f0-9])@/, (_, c: string) => `${c === "a" ? "b" : "a"}@`);
    expect(verifyStaffReplyId(flipped, "help.example.com")).toBeNull();
    expect(verifyStaffReplyId(id, "other.example.com")).toBeNull();
    expect(verifyStaffReplyId("<ticket.000123.abcdef@help.example.com>", "help.example.com")).toBeNull();
  });
});
