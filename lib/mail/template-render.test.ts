import { describe, expect, it } from "vitest";
import { ensureTicketTag, renderTemplate, validateTemplate } from "./template-render";
import { ZMailTemplate } from "./admin/schemas";
import { sampleView, viewFromFlat } from "./template-variables";
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS } from "./templates";

const hostile = viewFromFlat({ "ticket.number": "000042", "ticket.subject": `<script>alert("x")</script> & more`, "requester.name": "Ann <ann@example.com>", "helpdesk.name": "Help", "ticket.link": "https://h.example/t/000042/tok" });

describe("renderTemplate", () => {
  it("escapes every value in the HTML part, whichever mustache form the template uses", () => {
    const mail = renderTemplate({ subject: "{{ticket.subject}}", textBody: "{{ticket.subject}}", htmlBody: "<p>{{ticket.subject}}</p><p>{{{ticket.subject}}}</p><p>{{& requester.name}}</p>" }, hostile, "000042");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(mail.html).toContain("<p>Ann &lt;ann@example.com&gt;</p>");
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it("leaves the plain-text part and the subject unescaped", () => {
    const mail = renderTemplate({ subject: "{{ticket.subject}}", textBody: "Hi {{requester.name}}: {{ticket.subject}}", htmlBody: "x" }, hostile, "000042");
    expect(mail.text).toBe(`Hi Ann <ann@example.com>: <script>alert("x")</script> & more`);
    expect(mail.subject).toBe(`[#000042] <script>alert("x")</script> & more`);
  });

  it("turns line breaks into <br> in the HTML part only", () => {
    const view = viewFromFlat({ "reply.body": "one\ntwo" });
    const mail = renderTemplate({ subject: "s", textBody: "{{reply.body}}", htmlBody: "<p>{{reply.body}}</p>" }, view, "1");
    expect(mail.text).toBe("one\ntwo");
    expect(mail.html).toContain("<p>one<br>two</p>");
  });

  it("always puts [#number] in the subject, and one line only", () => {
    expect(ensureTicketTag("Your request", "000042")).toBe("[#000042] Your request");
    expect(ensureTicketTag("Re: [#000042] x", "000042")).toBe("Re: [#000042] x");
    expect(ensureTicketTag("About [#000041]", "000042")).toBe("[#000042] About [#000041]");
    expect(ensureTicketTag("a\r\nb", "7")).toBe("[#7] a b");
    const mail = renderTemplate({ subject: "Thanks, {{requester.name}}", textBody: "t", htmlBody: "h" }, hostile, "000042");
    expect(mail.subject).toBe("[#000042] Thanks, Ann <ann@example.com>");
  });

  it("renders the thread list", () => {
    const mail = renderTemplate(DEFAULT_TEMPLATES.agent_reply, sampleView("agent_reply"), "482913");
    expect(mail.subject).toBe("Re: [#482913] VPN drops every hour");
    expect(mail.text).toContain("Ken Adams wrote:\n> Since this morning");
    expect(mail.html).toContain("<blockquote");
  });
});

describe("validateTemplate", () => {
  it("accepts every built-in template", () => {
    for (const kind of TEMPLATE_KINDS) expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind]), kind).toEqual({});
  });

  it("names unknown variables, per field and per kind", () => {
    const errors = validateTemplate("new_ticket", { subject: "{{ticket.numbr}}", textBody: "{{reply.body}} {{#thread}}{{author}}{{/thread}}", htmlBody: "{{excerpt}}" });
    expect(errors.subject).toContain("{{ticket.numbr}}");
    expect(errors.textBody).toContain("{{reply.body}}");
    expect(errors.textBody).toContain("{{thread}}");
    expect(errors.htmlBody).toContain("{{excerpt}}");
  });

  it("allows list fields only inside their section", () => {
    expect(validateTemplate("agent_reply", { subject: "s", textBody: "{{#thread}}{{author}} {{ticket.number}}{{/thread}}", htmlBody: "h" })).toEqual({});
    expect(validateTemplate("agent_reply", { subject: "s", textBody: "{{author}}", htmlBody: "{{thread}}" })).toMatchObject({ textBody: expect.stringContaining("{{author}}"), htmlBody: expect.stringContaining("{{thread}}") });
  });

  it("reports mustache syntax errors and refuses partials", () => {
    const errors = validateTemplate("resolved", { subject: "{{#ticket.number}}", textBody: "{{> header}}", htmlBody: "{{ticket.link" });
    expect(errors.subject).toMatch(/^Template error on line 1, column \d+: the section \{\{#ticket\.number\}\} is never closed/);
    expect(errors.textBody).toContain("partials are not available");
    expect(errors.htmlBody).toBe("Template error on line 1, column 1: the tag {{ticket.link is not closed with }}.");
  });

  it("is part of the form's zod schema, as field errors", () => {
    const parsed = ZMailTemplate.safeParse({ key: "resolved", subject: "Done", textBody: "{{agent.name}}", htmlBody: "" });
    expect(parsed.success).toBe(false);
    const issues = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(issues.htmlBody).toBe("Write the HTML part.");
    const second = ZMailTemplate.safeParse({ key: "resolved", subject: "Done", textBody: "{{agent.name}}", htmlBody: "x" });
    expect(second.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["textBody", expect.stringContaining("{{agent.name}}")]]);
  });
});
