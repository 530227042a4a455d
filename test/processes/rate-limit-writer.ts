// A second (third…) process writing to the same database as the test: counts `uses` uses of one
// rate-limit key through the app's own interactive transaction, then prints what it saw.
// Usage: tsx test/processes/rate-limit-writer.ts DATABASE_URL KEY USES
import { databaseTarget } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/prisma";
import { allowUse } from "@/lib/server/rate-limit";

async function main(url: string, key: string, uses: string) {
  const db = createDb(databaseTarget(url));
  let failed = 0;
  let firstError = "";
  for (let i = 0; i < Number(uses); i++) {
    try {
      await allowUse(db, { key, max: 1_000_000, windowMs: 3_600_000 });
    } catch (error) {
      failed++;
      firstError ||= String((error as Error).message).slice(0, 300);
    }
  }
  await db.$disconnect();
  console.log(JSON.stringify({ failed, firstError }));
}

const [url, key, uses] = process.argv.slice(2);
void main(url, key, uses);
