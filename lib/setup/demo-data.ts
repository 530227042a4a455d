// The demo help desk of the README: two departments, John (Support), Jane (System Administrators),
// one admin, a few help topics and SLA plans. Idempotent; never overwrites what already exists.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/server/prisma";
import { ensureReferenceData } from "./reference-data";

export const DEMO_ACCOUNTS = [
  { role: "Admin", name: "Ada Admin", username: "ada", email: "admin@example.com", password: "admin-demo-1", kind: "ADMIN", departments: ["Support", "System Administrators"] },
  { role: "Agent", name: "John Doe", username: "john", email: "john@example.com", password: "john-demo-1", kind: "AGENT", departments: ["Support"] },
  { role: "Agent", name: "Jane Doe", username: "jane", email: "jane@example.com", password: "jane-demo-1", kind: "AGENT", departments: ["System Administrators"] },
] as const;

const SLA_PLANS = [
  { name: "Standard (8 h response, 3 days)", firstResponseMinutes: 8 * 60, resolutionMinutes: 3 * 24 * 60 },
  { name: "Urgent (1 h response, 8 h)", firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
];

const DEPARTMENTS = [
  { name: "Support", description: "First line: questions, accounts, how-to.", sla: SLA_PLANS[0].name },
  { name: "System Administrators", description: "Servers, networks and outages.", sla: SLA_PLANS[1].name },
];

const TOPICS = [
  { name: "General question", department: "Support", priority: "Sev C — normal", sla: SLA_PLANS[0].name, sortOrder: 1 },
  { name: "Account or password", department: "Support", priority: "Sev C — normal", sla: SLA_PLANS[0].name, sortOrder: 2 },
  { name: "Something is broken", department: "Support", priority: "Sev B — high", sla: SLA_PLANS[0].name, sortOrder: 3 },
  { name: "Server or network outage", department: "System Administrators", priority: "Sev A — critical", sla: SLA_PLANS[1].name, sortOrder: 4 },
];

export async function ensureDemoData(db: Db): Promise<void> {
  await ensureReferenceData(db);
  for (const plan of SLA_PLANS) await db.slaPlan.upsert({ where: { name: plan.name }, create: plan, update: {} });
  const plans = new Map((await db.slaPlan.findMany()).map((p) => [p.name, p.id]));
  for (const d of DEPARTMENTS) {
    await db.department.upsert({ where: { name: d.name }, create: { name: d.name, description: d.description, slaPlanId: plans.get(d.sla) }, update: {} });
  }
  const departments = new Map((await db.department.findMany()).map((d) => [d.name, d.id]));
  const priorities = new Map((await db.priority.findMany()).map((p) => [p.name, p.id]));
  for (const t of TOPICS) {
    const departmentId = departments.get(t.department)!;
    await db.helpTopic.upsert({
      where: { name: t.name },
      create: { name: t.name, departmentId, priorityId: priorities.get(t.priority), slaPlanId: plans.get(t.sla), sortOrder: t.sortOrder },
      update: {},
    });
  }
  const allAccess = await db.role.findUniqueOrThrow({ where: { name: "All access" } });
  const expanded = await db.role.findUniqueOrThrow({ where: { name: "Expanded access" } });
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.staff.findUnique({ where: { email: account.email } });
    if (existing) continue;
    const staff = await db.staff.create({
      data: { email: account.email, name: account.name, username: account.username, kind: account.kind, passwordHash: await hashPassword(account.password) },
    });
    await db.staffDepartment.createMany({
      data: account.departments.map((name) => ({ staffId: staff.id, departmentId: departments.get(name)!, roleId: account.kind === "ADMIN" ? allAccess.id : expanded.id })),
    });
  }
}
