// Tests that need something from the system (scripts/test-prerequisites.cjs: Dovecot, nginx,
// faketime, the mail corpus…) ask for it here, by the table's name. Found: the tests run. Left out
// with TEST_WITHOUT=name (installed or not): they are skipped with a reason that the summary of `npm test` lists as
// asked for. Missing otherwise: the file fails at once and says how to get it, never a quiet skip.
//
//   const dovecot = needTool("dovecot");
//   describe("…", dovecot.options, () => …)        // Vitest
//   test.skip(dovecot.skip, dovecot.reason);        // Playwright, at the top of the spec file
import { askedFor, leftOut, locate, PREREQUISITES } from "../scripts/test-prerequisites.cjs";

declare module "vitest" {
  interface TaskMeta {
    /** Why a skipped test was skipped; read by the summary of `npm test`. */
    skipReason?: string;
  }
}

export type ToolNeed = {
  /** Where the tool is (a folder for data), or null when it was left out. */
  path: string | null;
  skip: boolean;
  reason: string | undefined;
  /** Options for Vitest's describe/it: skip and the reason. */
  options: { skip: boolean; meta?: { skipReason: string } };
};

export function needTool(name: string): ToolNeed {
  const row = PREREQUISITES.find((r) => r.name === name);
  if (!row) throw new Error(`No prerequisite named "${name}": add a row to scripts/test-prerequisites.cjs.`);
  // Left out means not used, even where it is installed: the run asked for these tests to be skipped.
  if (leftOut().has(name)) {
    const reason = askedFor(`TEST_WITHOUT=${name}`);
    return { path: null, skip: true, reason, options: { skip: true, meta: { skipReason: reason } } };
  }
  const found = locate(row);
  if (found.path) return { path: found.path, skip: false, reason: undefined, options: { skip: false } };
  const get = found.override ? `Point ${found.override} at it or unset it.` : row.debian ? `\`npm test\` installs it (or: apt-get install -y ${row.debian}).` : `To get it: ${row.get}.`;
  throw new Error(`${row.what} is needed by these tests: ${found.missing}. ${get} Or leave these tests out with TEST_WITHOUT=${name}.`);
}

/**
 * Options for a test that needs one database engine: skipped, as asked for, when TEST_DATABASES
 * leaves that engine out (the same default as test/databases.ts: both).
 */
export function needDatabase(kind: "sqlite" | "postgresql"): ToolNeed["options"] {
  const kinds = (process.env.TEST_DATABASES ?? "sqlite,postgresql").split(",");
  return kinds.includes(kind) ? { skip: false } : { skip: true, meta: { skipReason: askedFor(`TEST_DATABASES=${kinds.join(",")}`) } };
}
