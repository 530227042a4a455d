import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// What runs at start and at run time must work on Windows too (a Windows VM behind IIS is where
// many installations live): no shell, no POSIX-only ways to find paths.
const WINDOWS_SAFE = [
  { selector: "Property[key.name='shell'][value.value=true]", message: "No shell: spawn the program itself (cmd.exe and sh differ; quoting breaks on paths with spaces)." },
  { selector: "CallExpression[callee.name=/^(exec|execSync)$/]", message: "exec runs a shell: use spawn or execFile with an argument list." },
  { selector: "CallExpression[callee.object.name=/^(child_process|childProcess|cp)$/][callee.property.name=/^(exec|execSync)$/]", message: "exec runs a shell: use spawn or execFile with an argument list." },
  { selector: "MemberExpression[property.name='pathname'][object.type='NewExpression'][object.arguments.0.type='MemberExpression'][object.arguments.0.property.name='url']", message: "new URL(import.meta.url).pathname is /C:/… on Windows: use fileURLToPath." },
  { selector: "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='HOME']", message: "HOME is not set on Windows: use os.homedir()." },
  { selector: "Literal[value=/^\\/(tmp|dev|proc|etc|usr|var)(\\/|$)/]", message: "A POSIX-only path: use os.tmpdir(), path.join and settings instead." },
];

// Every change to a ticket goes through lib/tickets/mutate.ts (and opening through mutate-open.ts),
// so versions, timestamps, history, followers and events never drift apart. Any other write to the
// Ticket model, on any client (db, tx, this.db…), is an error. Tests and benchmarks arrange rows directly.
const TICKET_WRITE = [
  "CallExpression[callee.type='MemberExpression']",
  "[callee.property.name=/^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)$/]",
  "[callee.object.type='MemberExpression'][callee.object.property.name='ticket']",
].join("");

const ONE_TICKET_WRITER = { selector: TICKET_WRITE, message: "Tickets change only through mutateTicket / openTicket (lib/tickets/mutate*.ts): they keep version, updatedAt, history, followers and events together." };
const WINDOWS_SAFE_FILES = ["scripts/start.mjs", "scripts/server-entry.cjs", "scripts/worker-pool.cjs", "scripts/request-guard.cjs", "scripts/runtime-env.mjs", "scripts/env-file.mjs", "scripts/log-files.mjs", "scripts/windows-service.ts", "scripts/build.mjs", "scripts/prisma.mjs", "scripts/manage.ts", "instrumentation.ts", "proxy.ts", "prisma.config.ts", "lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx"];
// Layers (STYLE.md, "Layers that hold"): each rule names what a folder may not import.
const restrictImports = (group, message) => ({ "no-restricted-imports": ["error", { patterns: [{ group, message }] }] });
const DATABASE_CLIENT = ["@/lib/server/db", "@/lib/server/prisma", "@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"];
const CAPABILITIES = ["tickets", "mail", "admin", "config", "auth", "settings", "attachments", "events", "api", "setup"].flatMap((c) => [`@/lib/${c}/*`, `@/lib/${c}/**`, `../${c}/*`]);
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
    rules: { "no-restricted-syntax": ["error", ONE_TICKET_WRITER] },
  },
  // Flat config does not merge one rule's options across blocks: the start and run path gets both lists.
  {
    files: WINDOWS_SAFE_FILES,
    ignores: ["**/*.test.ts", "lib/tickets/mutate.ts", "lib/tickets/mutate-*.ts"],
    rules: { "no-restricted-syntax": ["error", ONE_TICKET_WRITER, ...WINDOWS_SAFE] },
  },
  { files: ["lib/tickets/mutate.ts", "lib/tickets/mutate-*.ts"], rules: { "no-restricted-syntax": ["error", ...WINDOWS_SAFE] } },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: restrictImports(DATABASE_CLIENT, "Pages and components ask a capability's queries.ts (server-only, actor first) instead of the database client."),
  },
  {
    files: ["lib/server/**/*.ts"],
    ignores: [...SERVER_PLUMBING, "**/*.test.ts"],
    rules: restrictImports(CAPABILITIES, "lib/server is the bottom layer (database, errors, text, paging, audit helpers): it imports no capability folder."),
  },
  {
    files: ["lib/tickets/**/*.ts"],
    rules: restrictImports(["@/lib/mail/*", "@/lib/mail/**", "../mail/*", "@/lib/admin/*", "@/lib/admin/**", "../admin/*", "@/lib/config/*", "@/lib/config/**", "../config/*", "@/lib/api/*", "../api/*"], "lib/tickets imports no lib/mail, lib/admin, lib/config or lib/api: mail hears about tickets through its event subscriber (lib/mail/ticket-event-mail.ts)."),
  },
  {
    // Configuration capabilities sit below the pages and beside mail: they serve app/, never the
    // reverse, and mail administration (lib/mail/admin, the old lib/admin) is mail's own business.
    files: ["lib/config/**/*.ts"],
    rules: restrictImports(
      ["@/app/*", "@/app/**", "**/app/**", "@/components/*", "@/components/**", "**/components/**", "@/lib/mail/admin/*", "@/lib/mail/admin/**", "@/lib/admin/*", "@/lib/admin/**", "**/lib/admin/**"],
      "lib/config imports no page (app/), no component and no mail administration (lib/mail/admin, lib/admin): pages import lib/config, not the other way round.",
    ),
  },
  // Capabilities sit below the pages: lib/canned and lib/mail/admin serve app/ and components/ and
  // never reach back up into them (a page's component or route imported here would make the layers a loop).
  {
    files: ["lib/canned/**/*.{ts,tsx}", "lib/mail/admin/**/*.{ts,tsx}"],
    rules: restrictImports(["@/app/*", "@/app/**", "@/components/*", "@/components/**", "**/app/*", "**/app/**", "**/components/*", "**/components/**"], "lib/canned and lib/mail/admin import only downward (lib/*): never app/ or components/."),
  },
  { ignores: [".next/**", "lib/generated/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
