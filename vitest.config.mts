import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { scratchEnv } from "./scripts/test-scratch.cjs";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Services import "server-only" to keep them out of client bundles; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // The server's logger stays quiet in tests (tests that check it pass their own level). Temporary
    // files (SQLite databases among them) go to a memory file system where there is one.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent", ...scratchEnv() },
    globalSetup: ["test/global-setup.ts"],
    // Ticket events reach mail, notifications and the count cache as they do in the server.
    setupFiles: ["test/event-subscribers.ts"],
    testTimeout: 30_000,
    // As Playwright does in CI: a test that fails is run once more. Several tests run real servers
    // and processes on timers, and CI runs them beside both browser suites on two cores. The first
    // failure stays in the suite's log (test-results/logs/unit.log).
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one file per core but one, which on two cores is one file at a time.
    // Integration files spend most of their time waiting (databases, mail servers, child
    // processes), so one per core. More than that starved the CPU-bound ones (password hashing)
    // into their timeouts on a busy two-core machine.
    maxWorkers: Math.max(2, os.availableParallelism()),
  },
});
