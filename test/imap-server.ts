// A real IMAP server for tests: Debian's Dovecot (dovecot-imapd), started from a temp directory
// with its own config on a free 127.0.0.1 port, plain-text login over a loopback connection,
// one password for any user name, and maildir storage inside that directory. Stopped and removed afterwards.
// In OAuth mode it also accepts AUTHENTICATE XOAUTH2, checking each bearer token against an OAuth 2.0
// introspection endpoint (Dovecot's oauth2 passdb), as Microsoft 365 and Gmail check theirs.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { locateTool } from "../scripts/test-prerequisites.cjs";

// Found the way `npm test` checks for it (DOVECOT_PATH, then /usr/sbin/dovecot); files that start a
// server ask for it with needTool("dovecot") from ./tools, which fails or skips with a reason.
export const DOVECOT = locateTool("dovecot") ?? process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";

export type ImapTestServer = {
  host: string;
  port: number;
  dir: string;
  /** Every user name signs in with this password and gets its own maildir (created on first use). */
  password: string;
  /** A client signed in as `user`: the "mail server side" of a test (APPEND, flags). */
  connect: (user: string, password?: string) => Promise<ImapFlow>;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => { socket.destroy(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}:\n${log()}`);
}

/**
 * Why the config looks like this:
 * - base_dir, state_dir and the logs live in the temp dir, so nothing touches /var/run/dovecot
 *   and several test files can each run their own server.
 * - As root (here and on CI), Dovecot refuses to run its login process as root ("must not be run as
 *   root") and refuses a userdb uid of 0, so logins run as the package's dovenull user and mail as
 *   nobody (65534), which therefore must be able to enter the temp dir and own the mail folders.
 *   Unprivileged, everything runs as the current user.
 * - chroot is emptied for the login and anvil services: chroot needs root and is pointless here.
 * - ssl = no with disable_plaintext_auth = no: PLAIN/LOGIN over 127.0.0.1 only.
 * - auth_failure_delay = 0 and no anvil-auth-penalty socket (mode 0 is Dovecot's documented way to
 *   turn the penalty off): after a wrong-password test every later login from 127.0.0.1 would
 *   otherwise be held back for seconds.
 * - A static passdb (any user name, one password) rather than a passwd-file: Dovecot rereads a
 *   passwd-file only when its mtime changes, so users appended within the same second were unknown.
 */
export type ImapServerOptions = {
  /** Accept XOAUTH2: tokens are checked by POSTing them to this RFC 7662 introspection endpoint, whose `username` must be the user signing in. */
  oauthIntrospectionUrl?: string;
};

function oauthConfig(dir: string, introspectionUrl: string): string {
  const file = path.join(dir, "oauth2.conf");
  // force_introspection: every login asks the endpoint, so a revoked or expired token is refused at once.
  fs.writeFileSync(file, `introspection_mode = post\nintrospection_url = ${introspectionUrl}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\nforce_introspection = yes\n`);
  // Only XOAUTH2 is offered for tokens (not OAUTHBEARER), so the client must use XOAUTH2, as with Microsoft 365.
  return `
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${file}
}`;
}

export async function startImapServer(options: ImapServerOptions = {}): Promise<ImapTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-imap-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  for (const sub of ["mail", "home"]) {
    fs.mkdirSync(path.join(dir, sub));
    if (root) fs.chownSync(path.join(dir, sub), mailUid, mailGid);
  }
  const password = `imap-test-${Math.random().toString(36).slice(2)}`;
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauthIntrospectionUrl ? " xoauth2" : ""}
auth_failure_delay = 0
default_internal_user = ${root ? "dovecot" : me.username}
default_login_user = ${root ? "dovenull" : me.username}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u${options.oauthIntrospectionUrl ? oauthConfig(dir, options.oauthIntrospectionUrl) : ""}
passdb {
  driver = static
  mechanisms = plain login
  args = password=${password}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
  const confFile = path.join(dir, "dovecot.conf");
  fs.writeFileSync(confFile, conf);
  const child = spawn(DOVECOT, ["-F", "-c", confFile], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const log = () => `${output}\n${fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : ""}`;
  await waitForPort(port, child, log);

  return {
    host: "127.0.0.1",
    port,
    dir,
    password,
    connect: async (user, pass = password) => {
      const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass }, logger: false, disableAutoIdle: true });
      client.on("error", () => {});
      await client.connect();
      return client;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
