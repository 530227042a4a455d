// What `npm run manage` accepts: its commands, their options and its help. Kept apart from the
// commands (scripts/manage.ts), which run on import, so tests can check a command line (the Windows
// guide's, for one) against the real parser without running anything.
import { parseArgs } from "node:util";
import { DEFAULT_KEEP } from "@/lib/backup/retention";

export const COMMAND_NAMES = ["create-admin", "reset-password", "reset-2fa", "create-api-key", "backup", "restore", "upgrade", "migrate", "rotate-encryption-key", "mail:poll", "service"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
export const SERVICE_ACTIONS = ["install", "uninstall", "status"] as const;

export const USAGE = `Usage: npm run manage -- <command> [options]

Commands:
  create-admin --email EMAIL --name NAME [--username NAME] [--password PASSWORD]
      Create an administrator. Without --password, prints a one-time link (valid 7 days) where
      they choose their own password; prefer that, since a password on the command line can end
      up in the shell history.
  reset-password --email EMAIL
      End the staff member's sessions, clear their password and print a one-time link to set a new one.
  reset-2fa --email EMAIL
      Remove the staff member's two-factor authentication (a lost phone): they sign in with their
      password alone and set it up again. Recorded in the audit log.
  create-api-key --name LABEL [--scope tickets:create,mail:pipe] [--allow CIDR,CIDR]
      Create an API key and print it. It is shown only this once. Default scope: tickets:create.
  backup [--dir FOLDER] [--keep N] [--out FILE]
      Back up the database and the attachments into one archive while the help desk keeps running
      (SQLite: an online snapshot; PostgreSQL: pg_dump, from PG_BIN or PATH). The archive goes to
      FOLDER (default: the data folder's backups), named by the time, and only the newest N
      (default ${DEFAULT_KEEP}, or BACKUP_KEEP) are kept there; --out writes one file instead.
  restore --from FILE
      Check the archive (manifest, versions, checksums), refuse while a help desk server is running,
      back up the current data (…-before-restore.tar.gz), then put the archive's database and
      attachments back and apply this version's migrations.
  upgrade
      For a new version: back up, apply the pending migrations and data steps, and print which
      migrations were applied. Stop the help desk first.
  migrate
      Apply pending database migrations, then the data steps (seal stored secrets left in plain
      text by an older version, redact old audit rows).
  rotate-encryption-key
      Re-seal every stored secret (mail server passwords) under a new key. Embedded default: a new
      key file is generated in the data folder and the old one kept as encryption-key.previous
      until every value is re-sealed. With HELPDESK_ENCRYPTION_KEY set: set the new key there and
      the old one in HELPDESK_ENCRYPTION_KEY_PREVIOUS first; remove the old one afterwards.
  mail:poll [--name MAILBOX]
      Poll the active IMAP mailboxes once (or only the one named) and print what each took in.
      For cron, with IMAP_POLLER=0 on the server. Exit code 1 when any mailbox failed.
  service install|uninstall|status
      Windows only, in an elevated prompt. install: run the help desk as the Windows service
      "helpdesk" (WinSW), started at boot and restarted on failure, as the account
      NT SERVICE\helpdesk with write access to the data folder; it reads the settings file
      (HELPDESK_ENV_FILE or helpdesk.env in the data folder, which must exist) and logs to the data
      folder's logs. uninstall: stop and remove it. status: running, stopped or not installed.

Options:
  -h, --help   Show this help.

The environment is resolved as \`npm start\` resolves it: the real environment, then the settings
file (HELPDESK_ENV_FILE, or helpdesk.env in the data folder) for what it leaves unset; the database DATABASE_URL names (default
./data/helpdesk.db), the session secret and encryption key of the data folder on the embedded
default. Links use APP_URL (default http://localhost:3000).
Exit codes: 0 done, 1 failed, 2 wrong usage.`;

export const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  scope: { type: "string" },
  allow: { type: "string" },
  out: { type: "string" },
  dir: { type: "string" },
  keep: { type: "string" },
  from: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Options = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };

export type CommandLine = { kind: "help" } | { kind: "command"; command: CommandName; action?: string; options: Options } | { kind: "usage-error"; message: string };

/** The command line as manage reads it: strict options, one command, a word after `service` only. */
export function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message };
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help || command === "help") return { kind: "help" };
  // Only `service` takes a word after the command (install, uninstall, status).
  const action = command === "service" ? extra.shift() : undefined;
  if (!command) return { kind: "usage-error", message: "No command given." };
  if (!(COMMAND_NAMES as readonly string[]).includes(command)) return { kind: "usage-error", message: `Unknown command: ${command}` };
  if (extra.length) return { kind: "usage-error", message: `Unexpected argument: ${extra[0]}` };
  return { kind: "command", command: command as CommandName, action, options: parsed.values as Options };
}
