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
