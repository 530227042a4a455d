// Next.js start-up hook: the outbox worker runs inside the server process (Node runtime only).
// OUTBOX_WORKER=0 turns it off, e.g. when a separate process sends the mail.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.OUTBOX_WORKER === "0") return;
  const [{ db }, { startOutboxWorker }] = await Promise.all([import("./lib/server/db"), import("./lib/mail/outbox-worker")]);
  startOutboxWorker(db);
}
