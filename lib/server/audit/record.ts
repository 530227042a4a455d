import "server-only";
// The audit log: one row per admin change, written in the change's own transaction, with readable
// snapshots (names rather than ids) of the record before and after. Snapshots may name secret
// fields (a password, a token): the writer replaces them by "(set)", "(not set)" or "(changed)"
// (lib/server/redact.ts), so callers pass plain records and never redact by hand.
import type { Tx } from "@/lib/server/prisma";
import { redactAuditPair } from "@/lib/server/redact";

export const AUDIT_ENTITIES = ["department", "agent", "role", "help-topic", "priority", "sla-plan", "team", "settings", "api-key", "canned-response", "mail-settings", "outbox-message", "inbound-message", "imap-mailbox", "mail-template", "encryption-key", "account", "sign-in-settings"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type Snapshot = Record<string, unknown>;

/** The command-line operator has no staff row; its changes are recorded without an actor. */
export const OPERATOR_ID = 0;

export async function recordAudit(
  tx: Tx,
  actor: { id: number },
  entry: { entity: AuditEntity; entityId: number | string; action: string; before?: Snapshot | null; after?: Snapshot | null },
): Promise<void> {
  const [before, after] = redactAuditPair(entry.before, entry.after);
  await tx.auditLog.create({
    data: {
      actorStaffId: actor.id === OPERATOR_ID ? null : actor.id,
      entity: entry.entity,
      entityId: String(entry.entityId),
      action: entry.action,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
    },
  });
}
