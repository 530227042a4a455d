import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CannedList } from "@/components/canned/canned-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { mayManageAnyCanned } from "@/lib/auth/policy";
import { cannedListPage } from "@/lib/canned/queries";
import { requireStaffPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Canned responses" };

// Staff whose role grants canned.manage in at least one department; for others the page does not
// exist (the navigation does not link it either).
export default async function AgentCannedListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireStaffPage();
  if (!mayManageAnyCanned(actor)) notFound();
  const params = ZListParams.parse(await searchParams);
  const list = await cannedListPage(actor, params);
  return <CannedList basePath="/agent/canned" description="Ready-made replies for your departments. Responses shared by all departments are managed by administrators." q={params.q} list={list} />;
}
