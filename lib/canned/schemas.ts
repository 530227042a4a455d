// Zod schemas of the canned response form, shared by the form (zodResolver) and its actions.
import { z } from "zod";
import { body, id, line, optionalId } from "@/lib/config/shared/fields";

export const ZCannedFields = z.object({
  title: line("a title", 120),
  body: body("the response", 10_000, 1),
  /** Empty: every department. */
  departmentId: optionalId,
});
export const ZCreateCanned = ZCannedFields;
export const ZUpdateCanned = ZCannedFields.extend({ id: id("Missing canned response.") });
export type CreateCannedInput = z.input<typeof ZCreateCanned>;
export type UpdateCannedInput = z.input<typeof ZUpdateCanned>;
