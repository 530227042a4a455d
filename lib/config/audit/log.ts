import "server-only";
// The audit log page: newest first, filtered by entity and actor, paged by id (a keyset on the
// primary key, so page 1,000 costs what page 1 does).
import { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { assertAdmin } from "@/lib/server/admin-write";
import { AUDIT_ENTITIES } from "@/lib/server/audit/record";
import { auditChanges } from "@/lib/server/audit/diff";
import { PAGE_SIZE } from "@/lib/server/paging";
import { MAX_ID } from "@/lib/config/shared/fields";

export const ZAuditParams = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
  /** A staff id, or "operator" for the command line. */
  actor: z.union([z.literal("operator"), z.coerce.number().int().positive().max(MAX_ID)]).optional().catch(undefined),
  before: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
});
export type AuditParams = z.infer<typeof ZAuditParams>;

const ENTITY_PATHS: Partial<Record<(typeof AUDIT_ENTITIES)[number], string>> = {
  department: "/admin/departments",
  agent: "/admin/agents",
  role: "/admin/roles",
  "help-topic": "/admin/help-topics",
  priority: "/admin/priorities",
  "sla-plan": "/admin/sla",
  team: "/admin/teams",
  "canned-response": "/admin/canned",
  settings: "/admin/settings",
  "api-key": "/admin/api-keys",
  "mail-settings": "/admin/mail",
  "outbox-message": "/admin/mail/outbox",
  "inbound-message": "/admin/mail/inbound",
  "imap-mailbox": "/admin/mail/mailboxes",
  "mail-template": "/admin/mail/templates",
  account: "/admin/agents",
  "sign-in-settings": "/admin/sign-in",
};

/** Entities with one page of their own rather than one page per record. */
const SINGLE_PAGE = new Set<string>(["settings", "mail-settings", "sign-in-settings"]);

function nameIn(json: string | null): string | null {
  try {
    const v = json ? (JSON.parse(json) as Record<string, unknown>) : null;
    return typeof v?.name === "string" ? v.name : typeof v?.title === "string" ? v.title : typeof v?.label === "string" ? v.label : null;
  } catch {
    return null;
  }
}

export async function auditPage(db: Db, actor: StaffActor, params: AuditParams) {
  assertAdmin(actor);
  const rows = await db.auditLog.findMany({
    where: {
      ...(params.entity ? { entity: params.entity } : {}),
      ...(params.actor === "operator" ? { actorStaffId: null } : params.actor ? { actorStaffId: params.actor } : {}),
      ...(params.before ? { id: { lt: params.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
    include: { actorStaff: { select: { name: true } } },
  });
  const page = rows.slice(0, PAGE_SIZE);
  return {
    rows: page.map((r) => {
      const base = ENTITY_PATHS[r.entity as keyof typeof ENTITY_PATHS];
      const deleted = r.after === null;
      return {
        id: r.id,
        createdAt: r.createdAt,
        actor: r.actorStaff?.name ?? (r.actorStaffId === null ? "Command line" : "A deleted account"),
        entity: r.entity,
        action: r.action,
        subject: nameIn(r.after) ?? nameIn(r.before) ?? `#${r.entityId}`,
        href: base && !deleted ? (SINGLE_PAGE.has(r.entity) ? base : `${base}/${r.entityId}`) : null,
        changes: auditChanges(r.before, r.after),
      };
    }),
    next: rows.length > PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

/** Everyone who appears in the log, for the actor filter. */
export async function auditActors(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const groups = await db.auditLog.groupBy({ by: ["actorStaffId"] });
  const ids = groups.map((g) => g.actorStaffId).filter((id): id is number => id !== null);
  const staff = await db.staff.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { staff, hasOperator: groups.some((g) => g.actorStaffId === null) };
}
