// The help desk around the tickets: departments with help topics and SLA plans, agents spread
// over departments (some in two), teams, two admins. Small, so it goes through Prisma.
import type { Db } from "@/lib/server/prisma";
import { ensureReferenceData } from "@/lib/setup/reference-data";
import type { Random } from "./random";

export const DEPARTMENTS = [
  { name: "Support", weight: 40, topics: ["Account access", "Bug report", "How do I…", "Feature request"] },
  { name: "Billing", weight: 20, topics: ["Invoices", "Refunds", "Payment failed"] },
  { name: "Sales", weight: 12, topics: ["Quote request", "Licensing"] },
  { name: "IT", weight: 12, topics: ["Hardware", "Network", "Software install"] },
  { name: "HR", weight: 8, topics: ["Leave", "Payroll"] },
  { name: "Facilities", weight: 8, topics: ["Building access", "Maintenance"] },
];

const TEAMS = ["Tier 2", "Network", "Onboarding", "Escalations"];
const FIRST = ["Alex", "Sam", "Maria", "John", "Jane", "Priya", "Chen", "Fatima", "Lucas", "Emma", "Noah", "Olivia", "Omar", "Sofia", "Yuki", "Ivan", "Grace", "Mateo", "Leila", "Tom"];
const LAST = ["Smith", "Garcia", "Müller", "Dubois", "Rossi", "Kowalski", "Nguyen", "Okafor", "Silva", "Jensen", "Tanaka", "Haddad", "Novak", "Brown", "Costa", "Ali"];

export const AGENTS = 40;

export type Org = {
  adminId: number;
  /** The agent the benchmark signs in as: Support and Billing, and a member of a team. */
  benchAgentId: number;
  departments: { id: number; name: string; weight: number; topicIds: number[]; agentIds: number[]; slaPlanId: number }[];
  agents: { id: number; name: string }[];
  teams: { id: number; name: string; memberIds: number[] }[];
  priorities: { id: number; name: string; sortOrder: number }[];
  statuses: Record<"OPEN" | "PENDING" | "RESOLVED" | "CLOSED", { id: number; name: string }>;
  slaPlans: { standard: { id: number; firstResponseMinutes: number; resolutionMinutes: number }; urgent: { id: number; firstResponseMinutes: number; resolutionMinutes: number } };
};

export function personName(r: Random): string {
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

export async function createOrg(db: Db, r: Random): Promise<Org> {
  await ensureReferenceData(db);
  const standard = await db.slaPlan.create({ data: { name: "Standard", firstResponseMinutes: 240, resolutionMinutes: 2 * 24 * 60 } });
  const urgent = await db.slaPlan.create({ data: { name: "Urgent", firstResponseMinutes: 60, resolutionMinutes: 8 * 60 } });
  const roles = Object.fromEntries((await db.role.findMany()).map((role) => [role.name, role.id]));
  const departments: Org["departments"] = [];
  for (const d of DEPARTMENTS) {
    const dept = await db.department.create({ data: { name: d.name, slaPlanId: standard.id } });
    const topicIds: number[] = [];
    for (const t of d.topics) topicIds.push((await db.helpTopic.create({ data: { name: t, departmentId: dept.id } })).id);
    departments.push({ id: dept.id, name: d.name, weight: d.weight, topicIds, agentIds: [], slaPlanId: standard.id });
  }
  const admin = await db.staff.create({ data: { email: "admin@bench.example", name: "Ada Admin", username: "admin", kind: "ADMIN" } });
  await db.staff.create({ data: { email: "admin2@bench.example", name: "Alan Admin", username: "admin2", kind: "ADMIN" } });
  const agents: Org["agents"] = [];
  for (let i = 0; i < AGENTS; i++) {
    const name = personName(r);
    const s = await db.staff.create({ data: { email: `agent${i}@bench.example`, name, username: `agent${i}`, kind: "AGENT" } });
    agents.push({ id: s.id, name });
    // Agent 0 is the bench agent (Support + Billing); the others get a department in proportion
    // to its ticket share, and one in four a second one.
    const primary = i === 0 ? 0 : departments.indexOf(r.weighted(departments, (d) => d.weight));
    const depts = new Set([primary]);
    if (i === 0) depts.add(1);
    else if (r.chance(0.25)) depts.add(r.int(departments.length));
    const role = r.chance(0.1) ? "All access" : r.chance(0.15) ? "Limited access" : "Expanded access";
    for (const d of depts) {
      await db.staffDepartment.create({ data: { staffId: s.id, departmentId: departments[d].id, roleId: roles[role] } });
      departments[d].agentIds.push(s.id);
    }
  }
  const teams: Org["teams"] = [];
  for (const [i, name] of TEAMS.entries()) {
    const memberIds = [...new Set([...(i === 0 ? [agents[0].id] : []), ...Array.from({ length: 5 }, () => r.pick(agents).id)])];
    const team = await db.team.create({ data: { name, leadId: memberIds[0], members: { create: memberIds.map((staffId) => ({ staffId })) } } });
    teams.push({ id: team.id, name, memberIds });
  }
  const statuses = Object.fromEntries((await db.ticketStatus.findMany()).map((s) => [s.kind, { id: s.id, name: s.name }])) as Org["statuses"];
  const priorities = await db.priority.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true, sortOrder: true } });
  const plan = (p: typeof standard) => ({ id: p.id, firstResponseMinutes: p.firstResponseMinutes ?? 0, resolutionMinutes: p.resolutionMinutes });
  return { adminId: admin.id, benchAgentId: agents[0].id, departments, agents, teams, priorities, statuses, slaPlans: { standard: plan(standard), urgent: plan(urgent) } };
}
