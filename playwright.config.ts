import { defineConfig, devices } from "@playwright/test";
import { locateTool } from "./scripts/test-prerequisites.cjs";
import { scratchEnv } from "./scripts/test-scratch.cjs";

// Temporary files of the specs and their servers (own servers' SQLite databases among them) go to a
// memory file system where there is one; the workers and the web server inherit this environment.
Object.assign(process.env, scratchEnv());

// Runs against the production build started by `npm start` on a database of its own. The test
// command (scripts/test.mjs) creates that database and passes it in E2E_DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own browser: the same search that
// `npm test` checks before it starts (scripts/test-prerequisites.cjs).
const chromium = process.env.CHROMIUM_PATH || locateTool("chromium") || undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Two browser suites and the unit tests share two cores under npm test: room for a slow answer.
  expect: { timeout: 20_000 },
  // npm test runs one Playwright per database at once; each needs its own folder, which Playwright empties.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results/e2e",
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    // A failed test keeps its trace: actions, DOM snapshots, network. Not the screencast film strip,
    // which Chromium would otherwise encode frame by frame through every test that passes.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 860 } } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db",
      DATA_DIR: process.env.E2E_DATA_DIR ?? "data/e2e",
      NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-0123456789",
      // An explicit DATABASE_URL is not the embedded default, so sealed secrets need a key.
      HELPDESK_ENCRYPTION_KEY: process.env.HELPDESK_ENCRYPTION_KEY ?? "ZTJlLWVuY3J5cHRpb24ta2V5LTAxMjM0NTY3ODlhYmM=",
      SEED_DEMO: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: baseURL,
      SKIP_BUILD_CHECK: process.env.SKIP_BUILD_CHECK ?? "0",
      // One process per suite: two suites already share the machine's cores (e2e/cluster.spec.ts runs a cluster of its own).
      WEB_CONCURRENCY: process.env.E2E_WEB_CONCURRENCY ?? "1",
    },
  },
});
