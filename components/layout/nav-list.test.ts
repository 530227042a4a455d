import { describe, expect, it } from "vitest";
import { currentHref } from "./nav-list";

const admin = ["/admin", "/admin/departments", "/admin/mail", "/admin/mail/outbox", "/admin/mail/mailboxes"];
const agent = ["/agent", "/agent/tickets?queue=open", "/agent/tickets?queue=mine", "/agent/tickets?queue=open&department=2"];
const at = (hrefs: string[], path: string, query = "") => currentHref(hrefs, path, new URLSearchParams(query));

describe("current navigation link", () => {
  it("picks the longest path that contains the page", () => {
    expect(at(admin, "/admin/mail/outbox/12")).toBe("/admin/mail/outbox");
    expect(at(admin, "/admin/mail")).toBe("/admin/mail");
    expect(at(admin, "/admin/departments/new")).toBe("/admin/departments");
  });

  it("matches an area's home page only exactly", () => {
    expect(at(admin, "/admin")).toBe("/admin");
    expect(at(admin, "/admin/audit")).toBeNull();
  });

  it("tells queues apart by their query, preferring the most specific", () => {
    expect(at(agent, "/agent/tickets", "queue=mine&sort=due")).toBe("/agent/tickets?queue=mine");
    expect(at(agent, "/agent/tickets", "queue=open&department=2")).toBe("/agent/tickets?queue=open&department=2");
    expect(at(agent, "/agent/tickets", "queue=open")).toBe("/agent/tickets?queue=open");
    expect(at(agent, "/agent/tickets/000123")).toBeNull();
  });
});
