// Zod schema of the General settings form, shared by the form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, line, screenVersionField, whole } from "@/lib/config/shared/fields";

/** True for an IANA time zone this runtime knows, e.g. Europe/Berlin. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const mb = (label: string, max: number) => z.coerce.number({ message: `Enter ${label} in MB.` }).positive(`${label[0].toUpperCase()}${label.slice(1)} must be more than 0 MB.`).max(max, `At most ${max} MB.`);

/** The settings form as typed (file types as one line); the service turns it into lib/settings values. */
export const ZSettingsForm = z
  .object({
    helpdeskName: line("the help desk's name", 100),
    helpdeskUrl: z
      .string()
      .trim()
      .max(300, "Keep the address under 300 characters.")
      .refine((v) => v === "" || /^https?:\/\/[^\s/]+(\/\S*)?$/i.test(v), "Enter the full address, like https://help.example.com, or leave it empty."),
    timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list."),
    ticketNumberMode: z.enum(["random", "sequential"], { message: "Choose how tickets are numbered." }),
    ticketNumberPrefix: z.string().trim().max(10, "Keep the prefix to 10 characters.").regex(/^[A-Za-z0-9-]*$/, "Use letters, digits and dashes only."),
    attachmentMaxFileMb: mb("the largest file", 100),
    attachmentMaxFiles: whole("the number of files", 0, 20),
    attachmentMaxTotalMb: mb("the total", 200),
    attachmentAllowedTypes: z
      .string()
      .max(1000)
      .refine((v) => v.split(/[\s,]+/).filter(Boolean).every((t) => /^\.?[a-z0-9]{1,10}$/i.test(t)), "List file extensions separated by commas, like .pdf, .png, .txt."),
    requesterCanClose: checkbox,
    requesterCanReopen: checkbox,
    reopenWithinDays: whole("the number of days", 0, 3650),
    version: screenVersionField,
  })
  .superRefine((v, ctx) => {
    if (v.attachmentMaxTotalMb < v.attachmentMaxFileMb) ctx.addIssue({ code: "custom", path: ["attachmentMaxTotalMb"], message: "The total must be at least the largest single file." });
  });
export type SettingsFormInput = z.input<typeof ZSettingsForm>;

/** ".PDF, png ,txt" → [".pdf", ".png", ".txt"] */
export function parseFileTypes(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean).map((t) => `.${t.replace(/^\./, "").toLowerCase()}`))];
}
