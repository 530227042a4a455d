import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { generalSettings } from "@/lib/config/settings/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireAdminPage();
  const { settings: s, version } = await generalSettings(actor);
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  if (!zones.includes(s.timeZone)) zones.unshift(s.timeZone);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Settings" description="How the help desk presents itself and what requesters may do." />
      <SettingsForm
        timeZones={zones}
        version={version}
        initial={{
          helpdeskName: s.helpdeskName,
          helpdeskUrl: s.helpdeskUrl,
          timeZone: s.timeZone,
          ticketNumberMode: s.ticketNumberMode,
          ticketNumberPrefix: s.ticketNumberPrefix,
          attachmentMaxFileMb: String(s.attachmentMaxFileMb),
          attachmentMaxFiles: String(s.attachmentMaxFiles),
          attachmentMaxTotalMb: String(s.attachmentMaxTotalMb),
          attachmentAllowedTypes: s.attachmentAllowedTypes.join(", "),
          requesterCanClose: s.requesterCanClose,
          requesterCanReopen: s.requesterCanReopen,
          reopenWithinDays: String(s.reopenWithinDays),
        }}
      />
    </div>
  );
}
