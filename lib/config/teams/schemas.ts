// Zod schemas of the team forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, checkedValues, id, line, optionalId, screenVersionField } from "@/lib/config/shared/fields";

export const ZTeamFields = z.object({
  name: line("a name", 100),
  leadId: optionalId,
  memberIds: checkedValues(id("Unknown agent.")).pipe(z.array(z.number()).max(1000)),
  active: checkbox,
});
export const ZCreateTeam = ZTeamFields;
export const ZUpdateTeam = ZTeamFields.extend({ id: id("Missing team."), version: screenVersionField });
export type CreateTeamInput = z.input<typeof ZCreateTeam>;
export type UpdateTeamInput = z.input<typeof ZUpdateTeam>;
