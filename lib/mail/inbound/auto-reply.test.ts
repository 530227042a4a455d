import { describe, expect, it } from "vitest";
import { autoReplyReason } from "./auto-reply";

const lookup = (headers: Record<string, string>) => (name: string) => headers[name];

describe("autoReplyReason", () => {
  it.each([
    [{ "auto-submitted": "auto-replied" }, "ken@example.com", "text/plain", "Auto-Submitted: auto-replied"],
    [{ "auto-submitted": "auto-generated" }, "ken@example.com", "text/plain", "Auto-Submitted: auto-generated"],
    [{ precedence: "bulk" }, "ken@example.com", "text/plain", "Precedence: bulk"],
    [{ precedence: "junk" }, "ken@example.com", "text/plain", "Precedence: junk"],
    [{ precedence: "list" }, "ken@example.com", "text/plain", "Precedence: list"],
    [{ "x-autoreply": "yes" }, "ken@example.com", "text/plain", "x-autoreply"],
    [{}, "MAILER-DAEMON@example.com", "text/plain", "sender mailer-daemon"],
    [{}, "postmaster@example.com", "text/plain", "sender postmaster"],
    [{}, "ken@example.com", "multipart/report; report-type=delivery-status", "delivery report"],
    [{ "return-path": "<>" }, "ken@example.com", "text/plain", "null return path"],
    [{ "x-auto-response-suppress": "All", subject: "Automatic reply: VPN" }, "ken@example.com", "text/plain", "out-of-office"],
  ])("%j from %s (%s) is automatic", (headers, from, type, reason) => {
    expect(autoReplyReason(lookup(headers), from, type)).toBe(reason);
  });

  it.each([
    [{ "auto-submitted": "no" }],
    [{ precedence: "normal" }],
    [{ "x-auto-response-suppress": "All", subject: "VPN is down" }],
    [{}],
  ])("%j from a person is not", (headers) => {
    expect(autoReplyReason(lookup(headers), "ken@example.com", "text/plain")).toBeNull();
  });
});
