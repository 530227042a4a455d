import { describe, expect, it } from "vitest";
import { isUnclearAddress, senderFromHeader, unclearAddress } from "./sender";

const from = (header: string, decoded: { address: string; name: string }[] = [], sender = "") => senderFromHeader(header, sender, decoded);

describe("senderFromHeader", () => {
  it.each([
    ["Ann Smith <ann@example.com>", "ann@example.com", "Ann Smith"],
    ["<ANN@Example.COM>", "ann@example.com", ""],
    ["ann@example.com (Ann Smith)", "ann@example.com", ""],
    ['"Smith, Ann" <ann@example.com>', "ann@example.com", "Smith, Ann"],
    ['"Clement.Si" <Claudia.Shu@yahoo.com.>', "claudia.shu@yahoo.com", "Clement.Si"],
    ["root@localhost", "root@localhost", ""],
    ["Jörg <jörg@exämple.de>", "jörg@exämple.de", "Jörg"],
    ["Mail Delivery System <MAILER-DAEMON>", "mailer-daemon", "Mail Delivery System"],
    ["MAILER-DAEMON", "mailer-daemon", "MAILER-DAEMON"],
    ["postmaster", "postmaster", "postmaster"],
  ])("takes %s as %s", (header, email, name) => {
    expect(from(header)).toEqual({ email, name, unclear: null });
  });

  it("names the sender with the decoded display name", () => {
    expect(from("=?UTF-8?B?w4RubmE=?= <anna@example.com>", [{ address: "anna@example.com", name: "Änna" }])).toEqual({ email: "anna@example.com", name: "Änna", unclear: null });
  });

  it.each([
    ["Mary <mary ann jones@example.com>", /not a valid address/],
    ["<mary ann jones@example.com>", /not a valid address/],
    ['"Millions Lottery Spain transfer"@example.com>', /not a valid address/],
    ["Ann ann@example.com", /not a valid address/],
    ["Ann <ann@example.com> <bob@example.com>", /not a valid address/],
    ["ann@example.com, bob@example.com", /names 2 addresses/],
    ['"bank@paypal.com" <evil@example.net>', /display name shows an address/],
    ["undisclosed-recipients:;", /names no address/],
  ])("finds %s unclear", (header, reason) => {
    const sender = from(header);
    expect(sender.unclear).toMatch(reason);
    expect(isUnclearAddress(sender.email)).toBe(true);
    expect(sender.email).toBe(unclearAddress(header));
  });

  it("files the same unclear From: line under the same placeholder, another line under another", () => {
    expect(from("Mary <mary ann jones@example.com>").email).toBe(from("mary <MARY ANN JONES@example.com>").email);
    expect(from("Mary <mary ann jones@example.com>").email).not.toBe(from("Mary <mary ann smith@example.com>").email);
  });

  it("takes the one of several From: addresses that the Sender: line names", () => {
    expect(from("Ann <ann@example.com>, Bob <bob@example.com>", [], "bob@example.com")).toMatchObject({ email: "bob@example.com", unclear: null });
    expect(from("Ann <ann@example.com>, Bob <bob@example.com>", [], "carol@example.com").unclear).toMatch(/names 2 addresses/);
  });

  it("accepts a display name that repeats the address itself", () => {
    expect(from('"ann@example.com" <ann@example.com>')).toMatchObject({ email: "ann@example.com", unclear: null });
  });
});
