// Zod schemas of the admin forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { parseRangeList } from "@/lib/server/ip-ranges";
import { body, checkbox, id, line, optionalId, optionalWhole, screenVersionField, whole } from "./fields";

// ── Departments ──────────────────────────────────────────────────────────────
/** Who gets a new ticket of the department: nobody, one member ("staff:ID") or a team ("team:ID"). */
export const ZDefaultAssignee = z
  .string()
  .regex(/^(|staff:\d+|team:\d+)$/, "Choose one of the listed agents or teams.")
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
export const ZUpdateDepartment = ZDepartmentFields.extend({ id: id("Missing department.") });
export type CreateDepartmentInput = z.input<typeof ZCreateDepartment>;
export type UpdateDepartmentInput = z.input<typeof ZUpdateDepartment>;

// ── Agents ───────────────────────────────────────────────────────────────────
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
export const ZUpdateAgent = z.object({ ...agentFields, id: id("Missing agent.") });
export const ZSetAdmin = z.object({ id: id("Missing agent."), isAdmin: z.boolean() });
export type CreateAgentInput = z.input<typeof ZCreateAgent>;
export type UpdateAgentInput = z.input<typeof ZUpdateAgent>;
export type SetAdminInput = z.input<typeof ZSetAdmin>;

// ── Roles ────────────────────────────────────────────────────────────────────
/** A group of checkboxes sends an array (or false when none is ticked). */
const checkedValues = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []), z.array(item));

export const ZRoleFields = z.object({
  name: line("a name", 60),
  permissions: checkedValues(z.enum(PERMISSIONS, { message: "Unknown permission." })),
});
export const ZCreateRole = ZRoleFields;
export const ZUpdateRole = ZRoleFields.extend({ id: id("Missing role.") });
export type CreateRoleInput = z.input<typeof ZCreateRole>;
export type UpdateRoleInput = z.input<typeof ZUpdateRole>;

// ── Help topics ──────────────────────────────────────────────────────────────
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
export const ZUpdateHelpTopic = ZHelpTopicFields.extend({ id: id("Missing help topic.") });
export type CreateHelpTopicInput = z.input<typeof ZCreateHelpTopic>;
export type UpdateHelpTopicInput = z.input<typeof ZUpdateHelpTopic>;

// ── Priorities ───────────────────────────────────────────────────────────────
export const ZPriorityFields = z.object({
  name: line("a name", 60),
  sortOrder: whole("the order", 1, 1000),
  color: z.string().trim().toLowerCase().regex(/^#[0-9a-f]{6}$/, "Use a hex colour like #dc2626."),
  isDefault: checkbox,
});
export const ZCreatePriority = ZPriorityFields;
export const ZUpdatePriority = ZPriorityFields.extend({ id: id("Missing priority.") });
export type CreatePriorityInput = z.input<typeof ZCreatePriority>;
export type UpdatePriorityInput = z.input<typeof ZUpdatePriority>;

// ── SLA plans ────────────────────────────────────────────────────────────────
const MAX_HOURS = 24 * 365;
export const ZSlaPlanFields = z
  .object({
    name: line("a name", 100),
    firstResponseHours: optionalWhole("hours", 0, MAX_HOURS),
    firstResponseMinutes: optionalWhole("minutes", 0, 59),
    resolutionHours: optionalWhole("hours", 0, MAX_HOURS),
    resolutionMinutes: optionalWhole("minutes", 0, 59),
    businessHoursOnly: checkbox,
    active: checkbox,
  })
  .superRefine((v, ctx) => {
    const { firstResponseMinutes, resolutionMinutes } = slaTargets(v);
    if (resolutionMinutes <= 0) ctx.addIssue({ code: "custom", path: ["resolutionHours"], message: "Enter a resolution target of at least one minute." });
    // A first response due after the resolution would never be the clock that matters.
    else if (firstResponseMinutes !== null && firstResponseMinutes > resolutionMinutes) {
      ctx.addIssue({ code: "custom", path: ["firstResponseHours"], message: `The first response must be due no later than the resolution (${formatTarget(resolutionMinutes)}).` });
    }
  });

function formatTarget(minutes: number): string {
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}
export const ZCreateSlaPlan = ZSlaPlanFields;
export const ZUpdateSlaPlan = z.intersection(ZSlaPlanFields, z.object({ id: id("Missing SLA plan.") }));

/** The form's hours and minutes as the stored totals; no first-response target when both are blank. */
export function slaTargets(v: { firstResponseHours: number | null; firstResponseMinutes: number | null; resolutionHours: number | null; resolutionMinutes: number | null }) {
  const first = v.firstResponseHours === null && v.firstResponseMinutes === null ? null : (v.firstResponseHours ?? 0) * 60 + (v.firstResponseMinutes ?? 0);
  return { firstResponseMinutes: first || null, resolutionMinutes: (v.resolutionHours ?? 0) * 60 + (v.resolutionMinutes ?? 0) };
}
export type CreateSlaPlanInput = z.input<typeof ZCreateSlaPlan>;
export type UpdateSlaPlanInput = z.input<typeof ZUpdateSlaPlan>;

/** 90 → { hours: 1, minutes: 30 }, for filling the form. */
export function splitMinutes(total: number | null): { hours: string; minutes: string } {
  if (total === null) return { hours: "", minutes: "" };
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

// ── Teams ────────────────────────────────────────────────────────────────────
export const ZTeamFields = z.object({
  name: line("a name", 100),
  leadId: optionalId,
  memberIds: checkedValues(id("Unknown agent.")).pipe(z.array(z.number()).max(1000)),
  active: checkbox,
});
export const ZCreateTeam = ZTeamFields;
export const ZUpdateTeam = ZTeamFields.extend({ id: id("Missing team.") });
export type CreateTeamInput = z.input<typeof ZCreateTeam>;
export type UpdateTeamInput = z.input<typeof ZUpdateTeam>;

// ── Settings ─────────────────────────────────────────────────────────────────
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

// ── API keys ─────────────────────────────────────────────────────────────────
export const API_SCOPES = ["tickets:create", "mail:pipe"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "tickets:create": "Open tickets through the REST API",
  "mail:pipe": "Deliver inbound mail (mail pipe)",
};

export const ZCreateApiKey = z.object({
  label: line("a label", 100),
  scopes: checkedValues(z.enum(API_SCOPES, { message: "Unknown scope." })).pipe(z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope.")),
  allowedIps: z
    .string()
    .max(2000, "Keep the list under 2,000 characters.")
    .default("")
    .superRefine((v, ctx) => {
      const result = parseRangeList(v);
      if (!result.ok) ctx.addIssue({ code: "custom", message: `Not a valid address or range: ${result.invalid.join(", ")}` });
    }),
});
export type CreateApiKeyInput = z.input<typeof ZCreateApiKey>;
