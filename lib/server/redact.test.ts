import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, routeConsoleToLogger } from "./logger";
import { isSecretField, redactAuditPair, redactText, redactValue, rememberSecret } from "./redact";

describe("isSecretField", () => {
  it("knows secrets by name, in any case or spelling, and by suffix", () => {
    for (const name of ["password", "smtpPassword", "SMTP_PASSWORD", "pass", "tokenHash", "refreshToken", "oauth_refresh_token", "clientSecret", "apiKey", "x-api-key", "Authorization", "cookie", "NEXTAUTH_SECRET", "totpSecret"]) expect(isSecretField(name), name).toBe(true);
    for (const name of ["name", "email", "dedupeKey", "key", "subject", "host", "contentHash", "passwordSet"]) expect(isSecretField(name), name).toBe(false);
  });
});

describe("redactText", () => {
  it("cuts credentials, private links, set-password links, API keys and remembered values out of text", () => {
    rememberSecret("hunter2-remembered");
    const text = "connect smtps://mailer:p%40ss@smtp.example.com:465 failed; see /t/HD-1042/abcdefghijklmnopqrstuv and /set-password/ABCDEFGHIJKLMNOPQRSTUVWX, key hd_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG, Bearer abc.def.ghi123, pw hunter2-remembered";
    const out = redactText(text);
    for (const secret of ["p%40ss", "abcdefghijklmnopqrstuv", "ABCDEFGHIJKLMNOPQRSTUVWX", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "abc.def.ghi123", "hunter2-remembered"]) expect(out).not.toContain(secret);
    expect(out).toContain("smtps://mailer:[redacted]@smtp.example.com:465");
    expect(out).toContain("/t/HD-1042/[redacted]");
  });
});

describe("redactValue", () => {
  it("replaces secret fields at any depth and redacts errors, causes and their properties", () => {
    const cause = new Error("auth failed for imap://u:topsecret@imap.example.com");
    const error = Object.assign(new Error("wrapped", { cause }), { config: { auth: { user: "u", pass: "pw-in-config" } } });
    const out = JSON.stringify(redactValue({ smtp: { host: "h", password: "pw-1" }, list: [{ token: "t-1" }], error }));
    for (const secret of ["pw-1", "t-1", "topsecret", "pw-in-config"]) expect(out).not.toContain(secret);
    expect(out).toContain('"host":"h"');
    expect(out).toContain("wrapped");
  });
});

describe("redactAuditPair", () => {
  it("says set, not set or changed for a secret field, never the value, at any depth", () => {
    expect(redactAuditPair({ smtpPassword: "a", host: "h" }, { smtpPassword: "b", host: "h2" })).toEqual([{ smtpPassword: "(set)", host: "h" }, { smtpPassword: "(changed)", host: "h2" }]);
    expect(redactAuditPair({ password: "" }, { password: "b" })).toEqual([{ password: "(not set)" }, { password: "(set)" }]);
    expect(redactAuditPair({ password: "a" }, { password: "a" })).toEqual([{ password: "(set)" }, { password: "(set)" }]);
    expect(redactAuditPair(null, { smtp: { password: "x", port: 1 } })).toEqual([null, { smtp: { password: "(set)", port: 1 } }]);
    // An old row that held the value is shown redacted; a row already redacted stays as it was.
    expect(redactAuditPair({ smtp: { password: "old" } }, { smtp: { password: "new" } })).toEqual([{ smtp: { password: "(set)" } }, { smtp: { password: "(changed)" } }]);
    expect(redactAuditPair({ password: "(set)" }, { password: "(changed)" })).toEqual([{ password: "(set)" }, { password: "(changed)" }]);
  });
});

describe("the logger", () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    return { lines, logger: createLogger(stream as never, "debug") };
  }

  it("writes JSON lines with secrets redacted from fields, messages and errors", () => {
    const { lines, logger } = capture();
    rememberSecret("known-value-123");
    logger.info({ mailbox: { name: "Sales", password: "imap-pw-9" } }, "polled with known-value-123");
    logger.error({ err: new Error("login smtp://a:smtp-pw-7@h failed") }, "send failed");
    const all = lines.join("");
    for (const secret of ["imap-pw-9", "known-value-123", "smtp-pw-7"]) expect(all).not.toContain(secret);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: "polled with [redacted]", mailbox: { name: "Sales", password: "[redacted]" } });
    expect(JSON.parse(lines[1]).err.message).toBe("login smtp://a:[redacted]@h failed");
  });

  it("routes console output through it", () => {
    const { lines, logger } = capture();
    const saved = { ...console };
    try {
      routeConsoleToLogger(logger);
      console.error("[action] failed", new Error("db at postgresql://app:db-pw-5@db/helpdesk down"));
      console.log("plain %s", "words");
    } finally {
      Object.assign(console, saved);
      delete (console as unknown as { __helpdeskRouted?: boolean }).__helpdeskRouted;
    }
    expect(lines.join("")).not.toContain("db-pw-5");
    expect(JSON.parse(lines[0])).toMatchObject({ level: 50, msg: "[action] failed" });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 30, msg: "plain words" });
  });
});
