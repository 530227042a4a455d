import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { requireAdminPage } from "@/lib/server/guards";
import { helpTopicChoices } from "../choices";
import { HelpTopicForm } from "../help-topic-form";

export const metadata: Metadata = { title: "New help topic" };

export default async function NewHelpTopicPage() {
  const actor = await requireAdminPage();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New help topic" back={{ href: "/admin/help-topics", label: "Help topics" }} />
      <HelpTopicForm choices={await helpTopicChoices(actor)} />
    </div>
  );
}
