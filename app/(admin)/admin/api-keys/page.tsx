import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { AdminTable, EmptyList, PageHeader, StateTag } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import { revokeApiKeyAction } from "@/lib/config/api-keys/actions";
import { apiKeyList } from "@/lib/config/api-keys/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { ApiKeyForm } from "./api-key-form";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await requireAdminPage();
  const keys = await apiKeyList(actor);
  return (
    <div className="space-y-6">
      <PageHeader title="API keys" description="Keys let other systems open tickets or deliver mail. Each is shown once when created." />
      <div className="max-w-3xl"><ApiKeyForm /></div>
      {keys.length === 0 ? (
        <EmptyList>No API keys yet.</EmptyList>
      ) : (
        <AdminTable label="API keys" head={["Label", "Key", "Scopes", "Allowed addresses", "Last used", "State"]}>
          {keys.map((k) => (
            <tr key={k.id} className={k.revokedAt ? "text-slate-500" : undefined}>
              <td className="px-3 py-2">
                <span className="font-medium">{k.label}</span>
                <span className="block text-xs text-slate-500">Created <LocalTime value={k.createdAt} relative />{k.createdBy ? ` by ${k.createdBy.name}` : " from the command line"}</span>
              </td>
              <td data-label="Key" className="whitespace-nowrap px-3 py-2 font-mono text-xs">{k.prefix}…</td>
              <td data-label="Scopes" className="px-3 py-2 font-mono text-xs">{k.scopes.split(",").join(", ")}</td>
              <td data-label="Allowed addresses" className="break-all px-3 py-2 font-mono text-xs">{k.allowedIps ? k.allowedIps.split(",").join(", ") : "Any"}</td>
              <td data-label="Last used" className="whitespace-nowrap px-3 py-2">{k.lastUsedAt ? <LocalTime value={k.lastUsedAt} relative /> : "Never"}</td>
              <td className="px-3 py-2">
                {k.revokedAt ? (
                  <StateTag tone="red">Revoked</StateTag>
                ) : (
                  <ActionButton action={revokeApiKeyAction} input={{ id: k.id }} label="Revoke" variant="danger" confirm={`Revoke “${k.label}”? Requests with it are refused at once.`} success="Key revoked." />
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}
