// Zod schemas of the help topic forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, id, line, optionalId, screenVersionField, whole } from "@/lib/config/shared/fields";

export const ZHelpTopicFields = z.object({
  name: line("a name", 100),
  parentId: optionalId,
  departmentId: id("Choose the department that receives these tickets."),
  priorityId: optionalId,
  slaPlanId: optionalId,
  active: checkbox,
  isPublic: checkbox,
  sortOrder: whole("the sort order", -10_000, 10_000).default(0),
});
export const ZCreateHelpTopic = ZHelpTopicFields;
export const ZUpdateHelpTopic = ZHelpTopicFields.extend({ id: id("Missing help topic."), version: screenVersionField });
export type CreateHelpTopicInput = z.input<typeof ZCreateHelpTopic>;
export type UpdateHelpTopicInput = z.input<typeof ZUpdateHelpTopic>;
