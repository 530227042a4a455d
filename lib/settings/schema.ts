// Help desk settings: one zod schema gives their types, their defaults and their validation.
import { z } from "zod";

export const DEFAULT_ALLOWED_TYPES = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt", ".log", ".csv", ".docx", ".xlsx", ".pptx", ".zip", ".eml"];

export const ZSettings = z.object({
  helpdeskName: z.string().trim().min(1).max(100).default("Help desk"),
  helpdeskUrl: z.string().trim().max(300).default(""),
  timeZone: z.string().default("UTC"),
  ticketNumberMode: z.enum(["random", "sequential"]).default("random"),
  ticketNumberPrefix: z.string().trim().max(10).regex(/^[A-Za-z0-9-]*$/).default(""),
  attachmentMaxFileMb: z.number().positive().max(100).default(10),
  attachmentMaxFiles: z.number().int().min(0).max(20).default(5),
  attachmentMaxTotalMb: z.number().positive().max(200).default(25),
  attachmentAllowedTypes: z.array(z.string().regex(/^\.[a-z0-9]+$/)).default(DEFAULT_ALLOWED_TYPES),
  requesterCanClose: z.boolean().default(true),
  requesterCanReopen: z.boolean().default(true),
  reopenWithinDays: z.number().int().min(0).max(3650).default(30),
});

export type Settings = z.infer<typeof ZSettings>;
export const DEFAULT_SETTINGS: Settings = ZSettings.parse({});
