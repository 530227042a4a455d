import "server-only";
// Agents correct what is stored about a requester (name, phone) from a ticket of theirs. Nothing
// else may change it: the public form and inbound mail only ever create a requester. The change
// goes through mutateTicket, so it is scoped, permission-checked, version-checked and in history.
import type { StaffActor } from "@/lib/auth/actor";
import { invalid } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { mutateTicket } from "./mutate";
import { ZEditRequester, type EditRequesterInput } from "./requester-edit-schema";

const describe = (r: { name: string; phone: string | null }) => (r.phone ? `${r.name} (${r.phone})` : r.name);

export async function editRequester(db: Db, actor: StaffActor, raw: EditRequesterInput) {
  const input = ZEditRequester.parse(raw);
  // Whoever may write to the requester on this ticket may correct their details: the details are
  // the requester's on all their tickets, as the history of this one records.
  return mutateTicket(db, actor, input, "ticket.reply", async (ticket, tx) => {
    const before = { name: ticket.requester.name, phone: ticket.requester.phone };
    const after = { name: input.name, phone: input.phone || null };
    if (before.name === after.name && before.phone === after.phone) throw invalid({ name: "Nothing changed: the requester's details are already these." }, "Nothing changed.");
    await tx.requester.update({ where: { id: ticket.requester.id }, data: after });
    return { events: [{ type: "requester_edited", fromValue: describe(before), toValue: describe(after) }] };
  });
}
