// A server process stand-in that wants a leased job: keeps the lease NAME with the app's keeper and
// prints "held" / "lost" whenever that changes, so a test can watch several processes compete.
// Usage: tsx test/processes/lease-holder.ts DATABASE_URL NAME TTL_MS
import { keepLease } from "@/lib/server/lease";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/prisma";

const [url, name, ttl] = process.argv.slice(2);
const db = createDb(databaseTarget(url));
const keeper = keepLease(db, name, { ttlMs: Number(ttl), onChange: (held) => console.log(`${held ? "held" : "lost"} ${Date.now()}`) });
console.log(`holder ${keeper.holder}`);
// Keep running until killed; a SIGTERM is a clean stop that releases the lease.
setInterval(() => undefined, 1 << 30);
process.on("SIGTERM", () => {
  void keeper.stop().then(() => db.$disconnect()).then(() => process.exit(0));
});
