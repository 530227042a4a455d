import { describe, expect, it } from "vitest";
import { expandCanned, unknownPlaceholders } from "./canned-expand";

const ctx = { requester: { name: "Ken Adams" }, ticket: { number: "HD-1042", subject: "VPN is down" }, agent: { name: "Jane Doe" } };

describe("expandCanned", () => {
  it("fills every placeholder, each as often as it appears", () => {
    expect(expandCanned("Hi {{requester.name}},\nabout #{{ticket.number}} “{{ticket.subject}}”: fixed.\n{{agent.name}} ({{ agent.name }})", ctx)).toBe(
      "Hi Ken Adams,\nabout #HD-1042 “VPN is down”: fixed.\nJane Doe (Jane Doe)",
    );
  });

  it("tolerates case and spaces inside the braces", () => {
    expect(expandCanned("{{ Requester.Name }}", ctx)).toBe("Ken Adams");
  });

  it("leaves unknown placeholders visible and empties known ones without a value", () => {
    expect(expandCanned("{{requester.email}} {{requester.name}}!", {})).toBe("{{requester.email}} !");
    expect(expandCanned("Dear {{requester.name}}", { requester: { name: null } })).toBe("Dear ");
  });

  it("does not re-expand a value that looks like a placeholder", () => {
    expect(expandCanned("{{ticket.subject}}", { ticket: { subject: "{{agent.name}}" }, agent: { name: "X" } })).toBe("{{agent.name}}");
  });

  it("leaves text without placeholders alone", () => {
    expect(expandCanned("Plain {text} and {{ not closed", ctx)).toBe("Plain {text} and {{ not closed");
  });

  it("lists unknown placeholders", () => {
    expect(unknownPlaceholders("{{requester.name}} {{ticket.id}} {{ foo }} {{ticket.id}}")).toEqual(["ticket.id", "foo"]);
  });
});
