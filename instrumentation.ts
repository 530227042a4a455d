// Next.js start-up hook (Node runtime only): console output routed through the redacting logger,
// the data steps that follow the migrations, then the outbox worker, the IMAP poller and SQLite's
// periodic optimize inside the server process. OUTBOX_WORKER=0 / IMAP_POLLER=0 turn the first two
// off, e.g. when a separate process (or `npm run manage -- mail:poll` from cron) does that work.
// `npm start` runs several of these processes (WEB_CONCURRENCY): the data steps, the sender and the
// poller each run under a database lease (lib/server/lease.ts), so exactly one process does each.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: from here on everything the server prints goes through the redacting logger.
  const { logger, routeConsoleToLogger } = await import("./lib/server/logger");
  routeConsoleToLogger();
  const { db } = await import("./lib/server/db");
  const { forgetStoppedServers, keepServerHeartbeat, LEASES, leaseTtlMs, runExclusively } = await import("./lib/server/lease");
  keepServerHeartbeat(db, { ttlMs: leaseTtlMs(), onError: (error) => logger.warn({ err: error }, "server heartbeat not renewed") });
  // Data steps after the migrations (idempotent): plain secrets sealed, old audit rows redacted.
  // A failure is logged, not fatal: the steps run again at the next start and in `manage migrate`.
  const { upgradeData } = await import("./lib/server/upgrade-data");
  await runExclusively(db, LEASES.dataSteps, async () => {
    await forgetStoppedServers(db);
    return upgradeData(db);
  }).then(
    (steps) => steps.ran && steps.value.sealed + steps.value.auditRowsRedacted > 0 && logger.info(steps.value, "data steps: stored secrets sealed, old audit rows redacted"),
    (error) => logger.error({ err: error }, "data steps failed; they run again at the next start"),
  );
  // Ticket events reach their subscribers after each commit, and every few seconds whatever is left.
  const { registerEventSubscribers } = await import("./lib/events/subscribers");
  const { startEventDispatcher } = await import("./lib/events/bus");
  registerEventSubscribers();
  const { databaseTarget } = await import("./lib/server/database-url");
  startEventDispatcher(db, { background: databaseTarget(process.env.DATABASE_URL).provider === "postgresql" });
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
  logger.info({ node: process.version, worker: process.env.HELPDESK_WORKER ?? "1", outboxWorker: process.env.OUTBOX_WORKER !== "0", imapPoller: process.env.IMAP_POLLER !== "0" }, "help desk server started");
}
