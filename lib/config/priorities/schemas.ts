// Zod schemas of the priority forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, id, line, screenVersionField, whole } from "@/lib/config/shared/fields";

export const ZPriorityFields = z.object({
  name: line("a name", 60),
  sortOrder: whole("the order", 1, 1000),
  color: z.string().trim().toLowerCase().regex(/^#[0-9a-f]{6}$/, "Use a hex colour like #dc2626."),
  isDefault: checkbox,
});
export const ZCreatePriority = ZPriorityFields;
export const ZUpdatePriority = ZPriorityFields.extend({ id: id("Missing priority."), version: screenVersionField });
export type CreatePriorityInput = z.input<typeof ZCreatePriority>;
export type UpdatePriorityInput = z.input<typeof ZUpdatePriority>;
