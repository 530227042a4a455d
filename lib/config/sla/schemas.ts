// Zod schemas of the SLA plan forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { checkbox, id, line, optionalWhole, screenVersionField } from "@/lib/config/shared/fields";

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
export const ZUpdateSlaPlan = z.intersection(ZSlaPlanFields, z.object({ id: id("Missing SLA plan."), version: screenVersionField }));

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
