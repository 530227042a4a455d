// Zod schemas of the role forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { checkedValues, id, line } from "@/lib/config/shared/fields";


export const ZRoleFields = z.object({
  name: line("a name", 60),
  permissions: checkedValues(z.enum(PERMISSIONS, { message: "Unknown permission." })),
});
export const ZCreateRole = ZRoleFields;
export const ZUpdateRole = ZRoleFields.extend({ id: id("Missing role.") });
export type CreateRoleInput = z.input<typeof ZCreateRole>;
export type UpdateRoleInput = z.input<typeof ZUpdateRole>;
