// Helpers shared by the Playwright tests.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * Marks a test whose subject does not depend on the database engine (accessibility, phone widths,
 * the content-security policy, response headers, keyboard use, the sign-in protocol's refusals).
 * `npm test` runs it in the SQLite browser suite only; the PostgreSQL suite leaves it out with
 * --grep-invert (scripts/test.mjs). What reads or writes data runs on both.
 */
export const ANY_DATABASE = { tag: "@any-database" } as const;

export const DEMO = {
  admin: { name: "Ada Admin", email: "admin@example.com", password: "admin-demo-1" },
  john: { name: "John Doe", email: "john@example.com", password: "john-demo-1" },
  jane: { name: "Jane Doe", email: "jane@example.com", password: "jane-demo-1" },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Runs one statement on the app's database (or another server's, by url), for set-up the UI does not offer yet. */
export async function sql(statement: string, params: unknown[] = [], url = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db") {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5));
    try {
      db.prepare(statement.replace(/\$\d+/g, "?")).run(...(params.map((p) => (typeof p === "boolean" ? Number(p) : p)) as never[]));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** Runs one query on the app's database (or another server's, by url) and returns its rows, to check what the UI cannot show. */
export async function sqlRows<T = Record<string, unknown>>(statement: string, params: unknown[] = [], url = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db"): Promise<T[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { readonly: true });
    try {
      return db.prepare(statement.replace(/\$\d+/g, "?")).all(...(params as never[])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as T[];
  } finally {
    await client.end();
  }
}
