import type { Metadata } from "next";
import { connection } from "next/server";
import { Alert } from "@/components/ui/alert";
import { portalSettings, publicHelpTopics } from "@/lib/tickets/queries";
import { OpenTicketForm } from "./open-ticket-form";

export const metadata: Metadata = { title: "Open a ticket" };

export default async function OpenTicketPage() {
  await connection();
  const [topics, settings] = await Promise.all([publicHelpTopics(), portalSettings()]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Open a ticket</h1>
        <p className="mt-2 text-slate-600">
          Tell us what you need. You will get a ticket number and a private link to follow your request and answer our questions. No account needed.
        </p>
      </div>
      {topics.length === 0 ? (
        <Alert tone="warning" title="Tickets cannot be opened here yet">
          The help desk has no public help topics. Please contact us another way.
        </Alert>
      ) : (
        <OpenTicketForm
          topics={topics}
          uploads={settings.uploads}
        />
      )}
    </div>
  );
}
