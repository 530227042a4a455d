// A free @mention handle for a new staff member, from their email's local part:
// "Jane.Doe+x@…" → "jane.doe-x", then "jane.doe-x2"… Used by the command line and single sign-on.
import type { Db, Tx } from "@/lib/server/prisma";

export async function freeUsername(db: Db | Tx, email: string, fallback = "agent"): Promise<string> {
  const base = email.split("@")[0].toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 28) || fallback;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await db.staff.findUnique({ where: { username: candidate } }))) return candidate;
  }
}
