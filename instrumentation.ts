// Next.js start-up hook: the outbox worker, the IMAP poller and SQLite's periodic optimize run
// inside the server process (Node runtime only). OUTBOX_WORKER=0 / IMAP_POLLER=0 turn the first
// two off, e.g. when a separate process (or `npm run manage -- mail:poll` from cron) does that work.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { db } = await import("./lib/server/db");
  const { startPublishingUploadLimit } = await import("./lib/server/request-limits");
  startPublishingUploadLimit(db);
  if (process.env.OUTBOX_WORKER !== "0") {
    const { startOutboxWorker } = await import("./lib/mail/outbox-worker");
    startOutboxWorker(db);
  }
  const { startSqliteMaintenance } = await import("./lib/server/sqlite-maintenance");
  startSqliteMaintenance(db);
  if (process.env.IMAP_POLLER !== "0") {
    const { startImapPoller } = await import("./lib/mail/imap/poller");
    startImapPoller(db);
  }
}
