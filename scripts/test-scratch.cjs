// Where the tests keep their throw-away files: databases, attachments, mail folders. Each commit
// on an ordinary disk waits for the disk (fsync: SQLite with synchronous=FULL, as the app sets it,
// about 2.5 ms a commit on the project's machines, against 0.1 ms in memory), and the suites commit
// many thousand times. A memory file system (Linux's /dev/shm) keeps every file real and readable
// but skips that wait. It is used only when it has room; elsewhere (Windows, macOS, a container
// with a small /dev/shm) the system's temporary folder, as before. TMPDIR set by the user wins.
const fs = require("node:fs");
const path = require("node:path");

/** A memory file system needs this much free room to be used (the browser suites upload ~40 MB). */
const MIN_FREE_BYTES = 1024 ** 3;

/** The folder under a memory file system for test files, or null when there is none fit for it. */
function memoryTempDir({ candidate = "/dev/shm", platform = process.platform, minFree = MIN_FREE_BYTES } = {}) {
  if (platform !== "linux") return null;
  try {
    const stats = fs.statfsSync(candidate);
    if (stats.bavail * stats.bsize < minFree) return null;
    const dir = path.join(candidate, "helpdesk-tests");
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return null;
  }
}

/**
 * The environment that points the tests' temporary files there: `{ TMPDIR }`, or nothing when the
 * user chose TMPDIR or no memory file system fits (os.tmpdir() reads TMPDIR on Linux and macOS).
 */
function scratchEnv(env = process.env) {
  if (env.TMPDIR) return {};
  const dir = memoryTempDir();
  return dir ? { TMPDIR: dir } : {};
}

module.exports = { memoryTempDir, scratchEnv, MIN_FREE_BYTES };
