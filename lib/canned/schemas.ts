// Zod schemas of the canned response form, shared by the form (zodResolver) and its actions.
import { z } from "zod";
import { body, id, line, optionalId, screenVersionField } from "@/lib/config/shared/fields";

export const ZCannedFields = z.object({
  title: line("a title", 120),
  body: body("the response", 10_000, 1),
  /** Empty: every department. */
  departmentId: optionalId,
});
export const ZCreateCanned = ZCannedFields;
/** `version`: the response's updatedAt when the form was opened (absent: a script, which skips the check). */
export const ZUpdateCanned = ZCannedFields.extend({ id: id("Missing canned response."), version: screenVersionField });
export type CreateCannedInput = z.input<typeof ZCreateCanned>;
export type UpdateCannedInput = z.input<typeof ZUpdateCanned>;
