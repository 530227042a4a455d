import "server-only";
import type { StaffActor } from "@/lib/auth/actor";
import { helpTopicOptions } from "@/lib/config/help-topics/queries";
import type { HelpTopicChoices } from "./help-topic-form";

/** Select options for the help topic form; archived and inactive choices only when already chosen. */
export async function helpTopicChoices(actor: StaffActor, current?: { id: number; departmentId: number; slaPlanId: number | null }): Promise<HelpTopicChoices> {
  const o = await helpTopicOptions(actor);
  return {
    parents: o.topics.filter((t) => t.id !== current?.id).map((t) => ({ value: t.id, label: t.path })),
    departments: o.departments.filter((d) => !d.archivedAt || d.id === current?.departmentId).map((d) => ({ value: d.id, label: d.archivedAt ? `${d.name} (archived)` : d.name })),
    priorities: o.priorities.map((p) => ({ value: p.id, label: p.name })),
    slaPlans: o.slaPlans.filter((p) => p.active || p.id === current?.slaPlanId).map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name} (inactive)` })),
  };
}
