import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";
import { CannedForm } from "../canned-form";

export const metadata: Metadata = { title: "New canned response" };

export default async function NewCannedPage() {
  await requireAdminPage();
  const departments = await db.department.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New canned response" back={{ href: "/admin/canned", label: "Canned responses" }} />
      <CannedForm departments={departments.map((d) => ({ value: d.id, label: d.name }))} />
    </div>
  );
}
