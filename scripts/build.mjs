// `npm run build`: the production build, with the standalone server ready to run in place.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateClients } from "./prisma.mjs";
import { root } from "./runtime-env.mjs";

// `generate: false` when the Prisma clients were just generated: `npm test` does that once before
// its suites, because regenerating rewrites lib/generated under the tests that run beside the build.
export function build({ generate = true } = {}) {
  if (generate && generateClients([], { quiet: true }) !== 0) return 1;
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) return result.status ?? 1;
  const standalone = path.join(root, ".next", "standalone");
  fs.cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
  if (fs.existsSync(path.join(root, "public"))) fs.cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(build({ generate: !process.argv.includes("--skip-generate") }));
