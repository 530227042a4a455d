// Several server processes share one SQLite file (npm start runs a cluster). Prisma's SQLite adapter
// opens interactive transactions with a plain, deferred BEGIN: a transaction that reads and then
// writes fails at once with SQLITE_BUSY when another process wrote in between, because SQLite does
// not wait (busy timeout) to upgrade a read snapshot that has gone stale. So transactions here take
// the write lock first (BEGIN IMMEDIATE), and wait for it without blocking the event loop: short
// tries with no busy timeout and a pause between them, instead of better-sqlite3 sleeping
// synchronously inside SQLite's busy handler. Within one process the adapter already runs
// transactions one at a time; this keeps that order.
// A BEGIN must never throw inside the adapter: it takes its transaction lock before BEGIN and
// releases it only on commit or rollback, so a failed BEGIN would stall the process's every later
// transaction. If the lock stays busy past WAIT_MS, a deferred BEGIN (which cannot fail) is used and
// the transaction fails, if it must, cleanly at its first write.
type Statement = { run: () => unknown };
type Client = { prepare: (sql: string) => Statement; pragma: (source: string) => unknown };
type AdapterTransaction = { commit: () => Promise<void>; rollback: () => Promise<void> };
export type TransactionalAdapter = { client: Client; startTransaction: (isolationLevel?: string) => Promise<AdapterTransaction | undefined> };

const WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isBusy = (error: unknown) => /^SQLITE_BUSY/.test((error as { code?: string })?.code ?? "");

/** Tries BEGIN IMMEDIATE until the write lock is free or `waitMs` has passed; true once it began. */
async function takeWriteLock(client: Client, prepare: Client["prepare"], busyTimeoutMs: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 40)) {
    client.pragma("busy_timeout = 0");
    try {
      prepare("BEGIN IMMEDIATE").run();
      return true;
    } catch (error) {
      if (!isBusy(error)) throw error;
    } finally {
      client.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
    if (Date.now() >= deadline) return false;
    await sleep(pause + Math.random() * pause);
  }
}

export function takeWriteLockFirst(adapter: TransactionalAdapter, busyTimeoutMs: number, waitMs = WAIT_MS): void {
  const client = adapter.client;
  const prepare = client.prepare.bind(client);
  const startTransaction = adapter.startTransaction.bind(adapter);
  let alreadyBegun = false;
  client.prepare = (sql: string) => (sql === "BEGIN" && alreadyBegun ? { run: () => ({ changes: 0 }) } : prepare(sql));

  let queue: Promise<void> = Promise.resolve();
  adapter.startTransaction = async (isolationLevel?: string) => {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const before = queue;
    queue = queue.then(() => turn);
    await before;
    let began = false;
    try {
      began = await takeWriteLock(client, prepare, busyTimeoutMs, waitMs);
      alreadyBegun = began;
      const transaction = await startTransaction(isolationLevel);
      alreadyBegun = false;
      if (!transaction) throw new Error("the SQLite adapter did not start a transaction");
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      return transaction;
    } catch (error) {
      alreadyBegun = false;
      if (began) {
        try {
          prepare("ROLLBACK").run();
        } catch {
          // Nothing begun after all.
        }
      }
      release();
      throw error;
    }
  };
}
