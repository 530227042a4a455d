import Mustache from "mustache";
import { describe, expect, it } from "vitest";
import { describeTemplateError, lineAndColumn } from "./template-error";

function errorOf(source: string): string {
  try {
    Mustache.parse(source);
  } catch (error) {
    return describeTemplateError((error as Error).message, source);
  }
  throw new Error("the template parsed");
}

describe("template errors name the line and the tag", () => {
  it("finds line and column", () => {
    expect(lineAndColumn("ab\ncd\nef", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd\nef", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\ncd\nef", 99)).toEqual({ line: 3, column: 3 });
  });

  it("names an unclosed tag and where it opens", () => {
    expect(errorOf("<p>Hello</p>\n<p>Link: {{ticket.link</p>")).toBe("Template error on line 2, column 10: the tag {{ticket.link</p> is not closed with }}.");
  });

  it("names an unclosed section", () => {
    expect(errorOf("Hi\n{{#thread}}\n{{body}}\n")).toMatch(/^Template error on line \d+, column \d+: the section \{\{#thread\}\} is never closed\. Add \{\{\/thread\}\} where it ends\.$/);
  });

  it("names a section closed but never opened", () => {
    expect(errorOf("Hi\n\n{{/thread}}")).toBe("Template error on line 3, column 1: {{/thread}} closes a section that was never opened.");
  });

  it("passes other messages through", () => {
    expect(describeTemplateError("Something odd", "x")).toBe("Template error: Something odd.");
  });
});
