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

const config = [
  ...nextVitals,
  ...nextTs,
  // CommonJS entry points (the server entry loads Next's CommonJS standalone server).
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["scripts/start.mjs", "scripts/server-entry.cjs", "scripts/worker-pool.cjs", "scripts/request-guard.cjs", "scripts/runtime-env.mjs", "scripts/build.mjs", "scripts/prisma.mjs", "scripts/manage.ts", "instrumentation.ts", "proxy.ts", "prisma.config.ts", "lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...WINDOWS_SAFE] },
  },
  { ignores: [".next/**", "lib/generated/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
