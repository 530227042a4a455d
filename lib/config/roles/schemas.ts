// Zod schemas of the role forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { checkedValues, id, line, screenVersionField } from "@/lib/config/shared/fields";


export const ZRoleFields = z.object({
  name: line("a name", 60),
  permissions: checkedValues(z.enum(PERMISSIONS, { message: "Unknown permission." })),
});
export const ZCreateRole = ZRoleFields;
/** `version`: what the form was opened on (roleVersion); a save against older values is refused. */
export const ZUpdateRole = ZRoleFields.extend({ id: id("Missing role."), version: screenVersionField });
export type CreateRoleInput = z.input<typeof ZCreateRole>;
export type UpdateRoleInput = z.input<typeof ZUpdateRole>;
