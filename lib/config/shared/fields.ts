// Zod building blocks shared by the admin schemas. Forms send strings (selects, number inputs), so
// ids and numbers are coerced; an empty select means "none".
import { z } from "zod";
import { cleanBody, cleanLine } from "@/lib/tickets/text";

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A one-line text: cleaned of hidden characters, required unless min is 0. */
export const line = (label: string, max = 100, min = 1) =>
  z
    .string({ message: `Enter ${label}.` })
    .transform(cleanLine)
    .pipe(z.string().min(min, min <= 1 ? `Enter ${label}.` : `${capital(label)} needs at least ${min} characters.`).max(max, `Keep ${label} under ${max} characters.`));

/** Multi-line text, may be empty. */
export const body = (label: string, max = 2000, min = 0) =>
  z
    .string()
    .transform(cleanBody)
    .pipe(z.string().min(min, `Write ${label}.`).max(max, `Keep ${label} under ${max.toLocaleString("en")} characters.`));

/**
 * The largest id a record can have: ids are 32-bit integers, and PostgreSQL refuses a larger value in
 * a query (Prisma P2020, a 500) where SQLite would simply find nothing.
 */
export const MAX_ID = 2_147_483_647;

export const id = (message = "Choose one.") => z.coerce.number({ message }).int(message).positive(message).max(MAX_ID, message);

/** An optional reference: "", null or missing mean none. */
export const optionalId = z
  .union([z.literal(""), z.null(), z.undefined(), z.coerce.number().int().positive("Choose one of the listed options.").max(MAX_ID, "Choose one of the listed options.")])
  .transform((v) => (typeof v === "number" ? v : null));

export const checkbox = z.boolean().default(false);

/** A whole number typed into a number input. */
export const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Enter ${label} as a number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `${capital(label)} must be at least ${min}.`)
    .max(max, `${capital(label)} must be at most ${max.toLocaleString("en")}.`);

/** A group of checkboxes sends an array (or false when none is ticked). */
export const checkedValues = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []), z.array(item));

export const ZById = z.object({ id: id("Missing record.") });
export type ByIdInput = z.input<typeof ZById>;

/** Search and page of an admin list, read from the URL; bad values fall back quietly. */
export const ZListParams = z.object({
  q: z.string().transform(cleanLine).pipe(z.string().max(100)).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ListParams = z.infer<typeof ZListParams>;

/** An optional whole number: an empty input means none. */
export const optionalWhole = (label: string, min: number, max: number) =>
  z.union([z.literal(""), z.null(), z.undefined(), whole(label, min, max)]).transform((v) => (typeof v === "number" ? v : null));

/** The version of a settings screen the form was opened with (see lib/config/settings/screen.ts). */
export const screenVersionField = z.string().max(64).optional();
