// Liveness and readiness for the reverse proxy (IIS/ARR), Azure's probe and the test runner: 200
// while the database answers (with the outbox backlog, the last mail poll, free disk in the data
// folder and the live server processes), 503 when it does not. Never a secret or a stack trace.
import { db } from "@/lib/server/db";
import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const { httpStatus, report } = await checkHealth(db, { dataDir: process.env.DATA_DIR ?? "data" });
  return Response.json(report, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
