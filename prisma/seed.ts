// `npm run db:seed`: applies the demo data to the database DATABASE_URL names (idempotent).
import { createDb } from "@/lib/server/prisma";
import { DEMO_ACCOUNTS, ensureDemoData } from "@/lib/setup/demo-data";

async function main() {
  const db = createDb();
  try {
    await ensureDemoData(db);
    console.log("Demo data is in place. Demo accounts:");
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(6)} ${a.name.padEnd(10)} ${a.email.padEnd(20)} ${a.password}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
