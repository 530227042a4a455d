import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-parts";
import { helpTopicToEdit } from "@/lib/config/help-topics/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { helpTopicChoices } from "../choices";
import { HelpTopicForm } from "../help-topic-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Help topic" };

export default async function HelpTopicPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const topic = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await helpTopicToEdit(actor, id) : null;
  if (!topic) notFound();
  const s = (v: number | null) => (v === null ? "" : String(v));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={topic.name} back={{ href: "/admin/help-topics", label: "Help topics" }} />
      <HelpTopicForm version={topic.version}
        initial={{ id: topic.id, name: topic.name, parentId: s(topic.parentId), departmentId: String(topic.departmentId), priorityId: s(topic.priorityId), slaPlanId: s(topic.slaPlanId), active: topic.active, isPublic: topic.isPublic, sortOrder: String(topic.sortOrder) }}
        choices={await helpTopicChoices(actor, topic)}
      />
    </div>
  );
}
