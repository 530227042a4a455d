import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Runs against the production build started by `npm start` on a database of its own. The test
// command (scripts/test.mjs) creates that database and passes it in E2E_DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
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
      // Sealed secrets (mail OAuth tokens, client secrets): a DATABASE_URL is given, so no key is generated.
      HELPDESK_ENCRYPTION_KEY: process.env.E2E_ENCRYPTION_KEY ?? "ZTJlLXRlc3Qta2V5LW9ubHktZm9yLXBsYXl3cmlnaHQ=",
      SEED_DEMO: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: baseURL,
      SKIP_BUILD_CHECK: process.env.SKIP_BUILD_CHECK ?? "0",
    },
  },
});
