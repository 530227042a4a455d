import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Every change to a ticket goes through lib/tickets/mutate.ts (and opening through mutate-open.ts),
// so versions, timestamps, history, followers and events never drift apart. Any other write to the
// Ticket model, on any client (db, tx, this.db…), is an error. Tests and benchmarks arrange rows directly.
const TICKET_WRITE = [
  "CallExpression[callee.type='MemberExpression']",
  "[callee.property.name=/^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)$/]",
  "[callee.object.type='MemberExpression'][callee.object.property.name='ticket']",
].join("");

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
  { ignores: [".next/**", "lib/generated/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
