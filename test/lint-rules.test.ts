// The architecture rules in eslint.config.mjs, proven to bite: each violating snippet is linted as if
// it sat at a real path in the project, with the project's own configuration.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const WRITE = `export async function f(tx: { ticket: { update: (a: unknown) => Promise<unknown> } }) {\n  await tx.ticket.update({ where: { id: 1 }, data: { subject: "x" } });\n}\n`;

describe("one write path for tickets", () => {
  it("refuses a ticket write outside lib/tickets/mutate*", async () => {
    expect(await ruleIds(WRITE, "lib/mail/inbound/violation.ts")).toContain("no-restricted-syntax");
    expect(await ruleIds(WRITE, "lib/tickets/requester-service-violation.ts")).toContain("no-restricted-syntax");
    expect(await ruleIds(WRITE.replace("update", "upsert").replace("update", "upsert"), "app/api/violation/route.ts")).toContain("no-restricted-syntax");
  });

  it("allows it in the mutation module and reads anywhere", async () => {
    expect(await ruleIds(WRITE, "lib/tickets/mutate-violation.ts")).not.toContain("no-restricted-syntax");
    const read = `export const g = (db: { ticket: { findMany: () => unknown } }) => db.ticket.findMany();\n`;
    expect(await ruleIds(read, "lib/mail/inbound/reader.ts")).not.toContain("no-restricted-syntax");
  });
});

describe("layers", () => {
  const rule = "no-restricted-imports";
  it("keeps the database client out of pages and components", async () => {
    const code = `import { db } from "@/lib/server/db";\nexport const f = () => db;\n`;
    expect(await ruleIds(code, "app/(agent)/agent/new-screen/page.tsx")).toContain(rule);
    expect(await ruleIds(code, "components/tickets/new-widget.tsx")).toContain(rule);
    expect(await ruleIds(`import type { Db } from "@/lib/server/prisma";\nexport type X = Db;\n`, "app/new/page.tsx")).toContain(rule);
    // A capability's queries.ts may.
    expect(await ruleIds(code, "lib/tickets/queries-new.ts")).not.toContain(rule);
  });

  it("keeps the bottom layer free of capabilities", async () => {
    expect(await ruleIds(`import { openTicket } from "@/lib/tickets/mutate-open";\nexport const f = openTicket;\n`, "lib/server/new-helper.ts")).toContain(rule);
    expect(await ruleIds(`import { loadSettings } from "@/lib/settings/store";\nexport const f = loadSettings;\n`, "lib/server/new-helper.ts")).toContain(rule);
    expect(await ruleIds(`import { teamsPage } from "@/lib/config/teams/queries";\nexport const f = teamsPage;\n`, "lib/server/new-helper.ts")).toContain(rule);
    // The audit helpers are part of the bottom layer.
    expect(await ruleIds(`import { operatorActor } from "@/lib/auth/operator";\nexport const f = operatorActor;\n`, "lib/server/audit/new-reader.ts")).toContain(rule);
    expect(await ruleIds(`import { AppError } from "./errors";\nexport const f = AppError;\n`, "lib/server/new-helper.ts")).not.toContain(rule);
  });

  it("keeps mail, admin and the API out of lib/tickets", async () => {
    expect(await ruleIds(`import { enqueueTicketMail } from "@/lib/mail/enqueue";\nexport const f = enqueueTicketMail;\n`, "lib/tickets/new-step.ts")).toContain(rule);
    expect(await ruleIds(`import { ZById } from "@/lib/config/shared/fields";\nexport const f = ZById;\n`, "lib/tickets/new-step.ts")).toContain(rule);
    expect(await ruleIds(`import { listTeams } from "@/lib/config/teams/service";\nexport const f = listTeams;\n`, "lib/tickets/new-step.ts")).toContain(rule);
    // The bottom layer's paging is open to all.
    expect(await ruleIds(`import { pageOf } from "@/lib/server/paging";\nexport const f = pageOf;\n`, "lib/tickets/new-step.ts")).not.toContain(rule);
    // Mail imports tickets, not the other way round.
    expect(await ruleIds(`import { readEvent } from "@/lib/tickets/events";\nexport const f = readEvent;\n`, "lib/mail/new-subscriber.ts")).not.toContain(rule);
  });

  it("keeps pages, components and mail administration out of lib/config", async () => {
    expect(await ruleIds(`import { TeamForm } from "@/app/(admin)/admin/teams/team-form";\nexport const f = TeamForm;\n`, "lib/config/teams/new-service.ts")).toContain(rule);
    expect(await ruleIds(`import { PageHeader } from "@/components/admin/page-parts";\nexport const f = PageHeader;\n`, "lib/config/teams/new-service.ts")).toContain(rule);
    expect(await ruleIds(`import { listMailboxes } from "@/lib/mail/admin/mailboxes";\nexport const f = listMailboxes;\n`, "lib/config/settings/new-screen.ts")).toContain(rule);
    // Downward: the bottom layer and other capabilities below it.
    expect(await ruleIds(`import { recordAudit } from "@/lib/server/audit/record";\nimport { loadSettings } from "@/lib/settings/store";\nexport const f = [recordAudit, loadSettings];\n`, "lib/config/teams/new-service.ts")).not.toContain(rule);
  });

  it("keeps lib/canned and lib/mail/admin below the pages and components", async () => {
    const component = `import { CannedForm } from "@/components/canned/canned-form";\nexport const f = CannedForm;\n`;
    const page = `import Page from "@/app/(admin)/admin/mail/page";\nexport const f = Page;\n`;
    const relative = `import { MailboxForm } from "../../../app/(admin)/admin/mail/mailboxes/mailbox-form";\nexport const f = MailboxForm;\n`;
    for (const file of ["lib/canned/new-service.ts", "lib/mail/admin/new-service.ts"]) {
      expect(await ruleIds(component, file)).toContain(rule);
      expect(await ruleIds(page, file)).toContain(rule);
      expect(await ruleIds(relative, file)).toContain(rule);
    }
    // Downward is fine: the policy, the mail core, the bottom layer.
    expect(await ruleIds(`import { canManageCanned } from "@/lib/auth/policy";\nexport const f = canManageCanned;\n`, "lib/canned/new-service.ts")).not.toContain(rule);
    expect(await ruleIds(`import { templateFor } from "@/lib/mail/template-store";\nexport const f = templateFor;\n`, "lib/mail/admin/new-service.ts")).not.toContain(rule);
  });
});
