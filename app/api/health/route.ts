// Liveness and readiness for the reverse proxy (IIS/ARR), Azure's probe and the test runner: 200
// while the database answers (with the outbox backlog, the last mail poll, free disk in the data
// folder and the live server processes), 503 when it does not. Never a secret or a stack trace.
import { healthRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export function GET() {
  return healthRoute(process.env.DATA_DIR ?? "data");
}
