// Zod schemas of the agent forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, id, line, screenVersionField } from "@/lib/config/shared/fields";

/** Same shape the @mention parser accepts: letters, digits, dot, dash, underscore. */
export const USERNAME_PATTERN = /^([a-z0-9][a-z0-9._-]{0,30}[a-z0-9]|[a-z0-9])$/;

export const ZAccessRow = z.object({ departmentId: id("Choose a department."), roleId: id("Choose a role.") });

const agentFields = {
  name: line("a name", 100),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like name@example.com.").max(254, "Keep the email under 254 characters.")),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.string().min(1, "Enter a username.").regex(USERNAME_PATTERN, "Use 1–32 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit.")),
  access: z
    .array(ZAccessRow)
    .max(500)
    .default([])
    .superRefine((rows, ctx) => {
      const seen = new Set<number>();
      rows.forEach((row, i) => {
        if (seen.has(row.departmentId)) ctx.addIssue({ code: "custom", path: [i, "departmentId"], message: "This department is already listed above." });
        seen.add(row.departmentId);
      });
    }),
};
export const ZCreateAgent = z.object({ ...agentFields, isAdmin: checkbox });
/** `version`: what the form was opened on (agentVersion); a save against older values is refused. */
export const ZUpdateAgent = z.object({ ...agentFields, id: id("Missing agent."), version: screenVersionField });
export const ZSetAdmin = z.object({ id: id("Missing agent."), isAdmin: z.boolean() });
export type CreateAgentInput = z.input<typeof ZCreateAgent>;
export type UpdateAgentInput = z.input<typeof ZUpdateAgent>;
export type SetAdminInput = z.input<typeof ZSetAdmin>;
