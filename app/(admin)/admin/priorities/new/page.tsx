import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";
import { PriorityForm } from "../priority-form";

export const metadata: Metadata = { title: "New priority" };

export default async function NewPriorityPage() {
  await requireAdminPage();
  const last = await db.priority.findFirst({ orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New priority" back={{ href: "/admin/priorities", label: "Priorities" }} />
      <PriorityForm nextOrder={(last?.sortOrder ?? 0) + 1} />
    </div>
  );
}
