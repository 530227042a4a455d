import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { newPriorityOrder } from "@/lib/config/priorities/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { PriorityForm } from "../priority-form";

export const metadata: Metadata = { title: "New priority" };

export default async function NewPriorityPage() {
  const actor = await requireAdminPage();
  const nextOrder = await newPriorityOrder(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New priority" back={{ href: "/admin/priorities", label: "Priorities" }} />
      <PriorityForm nextOrder={nextOrder} />
    </div>
  );
}
