import { describe, expect, it } from "vitest";
import { messageIdsIn, outgoingMessageId, ticketNumberFromMessageId, ticketNumbersInSubject } from "./ticket-ref";

describe("ticketNumbersInSubject", () => {
  it.each([
    ["Re: [#123456] VPN is down", ["123456"]],
    ["AW: [#HD-000042] Drucker", ["HD-000042"]],
    ["Fwd: Re: [#ABC1234567] x [#654321]", ["ABC1234567", "654321"]],
    ["[Ticket#11545] Zammad's tag is not ours", []],
    ["#123456 without brackets", []],
    ["[#12345] too short", []],
    ["", []],
  ])("%s", (subject, expected) => {
    expect(ticketNumbersInSubject(subject)).toEqual(expected);
  });
});

describe("message ids", () => {
  it("lists ids from References, once each", () => {
    expect(messageIdsIn("<a@x> <b@y>\r\n <a@x>")).toEqual(["<a@x>", "<b@y>"]);
    expect(messageIdsIn(["<a@x>", "<c@z>"])).toEqual(["<a@x>", "<c@z>"]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it("round-trips our own Message-ID, only for our domain", () => {
    const id = outgoingMessageId("HD-000042", "k3j4h5", "help.example.com");
    expect(id).toBe("<ticket.HD-000042.k3j4h5@help.example.com>");
    expect(ticketNumberFromMessageId(id, "help.example.com")).toBe("HD-000042");
    expect(ticketNumberFromMessageId(id, "evil.example")).toBeNull();
    expect(ticketNumberFromMessageId("<random@help.example.com>", "help.example.com")).toBeNull();
  });
});
