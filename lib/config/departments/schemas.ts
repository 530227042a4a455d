// Zod schemas of the department forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { body, checkbox, id, line, MAX_ID, optionalId, screenVersionField } from "@/lib/config/shared/fields";

/** Who gets a new ticket of the department: nobody, one member ("staff:ID") or a team ("team:ID"). */
export const ZDefaultAssignee = z
  .string()
  .regex(/^(|staff:\d+|team:\d+)$/, "Choose one of the listed agents or teams.")
  .refine((v) => v === "" || Number(v.slice(v.indexOf(":") + 1)) <= MAX_ID, "Choose one of the listed agents or teams.")
  .default("");

export const ZDepartmentFields = z.object({
  name: line("a name", 100),
  description: body("the description", 500),
  managerId: optionalId,
  slaPlanId: optionalId,
  defaultAssignee: ZDefaultAssignee,
  isPublic: checkbox,
});
export const ZCreateDepartment = ZDepartmentFields;
export const ZUpdateDepartment = ZDepartmentFields.extend({ id: id("Missing department."), version: screenVersionField });
export type CreateDepartmentInput = z.input<typeof ZCreateDepartment>;
export type UpdateDepartmentInput = z.input<typeof ZUpdateDepartment>;
