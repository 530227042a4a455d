import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { DB_IMPORT_BASELINE } from "./eslint.db-import-baseline.mjs";

// Every change to a ticket goes through lib/tickets/mutate.ts (and opening through mutate-open.ts),
// so versions, timestamps, history, followers and events never drift apart. Any other write to the
// Ticket model, on any client (db, tx, this.db…), is an error. Tests and benchmarks arrange rows directly.
const TICKET_WRITE = [
  "CallExpression[callee.type='MemberExpression']",
  "[callee.property.name=/^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)$/]",
  "[callee.object.type='MemberExpression'][callee.object.property.name='ticket']",
].join("");

// Layers (STYLE.md, "Layers that hold"): each rule names what a folder may not import.
const restrictImports = (group, message) => ({ "no-restricted-imports": ["error", { patterns: [{ group, message }] }] });
const DATABASE_CLIENT = ["@/lib/server/db", "@/lib/server/prisma", "@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"];
const CAPABILITIES = ["tickets", "mail", "admin", "auth", "settings", "attachments", "events", "api", "setup"].flatMap((c) => [`@/lib/${c}/*`, `@/lib/${c}/**`, `../${c}/*`]);
// lib/server files that are the web's request plumbing rather than the bottom layer: they read the
// session, the settings and uploads. To move beside lib/auth (issue 10's capability folders).
const SERVER_PLUMBING = ["lib/server/action-client.ts", "lib/server/session.ts", "lib/server/guards.ts", "lib/server/request-limits.ts"];

const config = [
  ...nextVitals,
  ...nextTs,
  // CommonJS entry points (the server entry loads Next's CommonJS standalone server).
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,jsx}"],
    ignores: ["lib/tickets/mutate.ts", "lib/tickets/mutate-*.ts", "test/**", "e2e/**", "bench/**", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: TICKET_WRITE, message: "Tickets change only through mutateTicket / openTicket (lib/tickets/mutate*.ts): they keep version, updatedAt, history, followers and events together." }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: DB_IMPORT_BASELINE,
    rules: restrictImports(DATABASE_CLIENT, "Pages and components ask a capability's queries.ts (server-only, actor first) instead of the database client."),
  },
  {
    files: ["lib/server/**/*.ts"],
    ignores: [...SERVER_PLUMBING, "**/*.test.ts"],
    rules: restrictImports(CAPABILITIES, "lib/server is the bottom layer (database, errors, text, paging, audit helpers): it imports no capability folder."),
  },
  {
    files: ["lib/tickets/**/*.ts"],
    rules: restrictImports(["@/lib/mail/*", "@/lib/mail/**", "../mail/*", "@/lib/admin/*", "@/lib/admin/**", "../admin/*", "@/lib/api/*", "../api/*"], "lib/tickets imports no lib/mail, lib/admin or lib/api: mail hears about tickets through its event subscriber (lib/mail/ticket-event-mail.ts)."),
  },
  { ignores: [".next/**", "lib/generated/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
