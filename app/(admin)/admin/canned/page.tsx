import type { Metadata } from "next";
import { CannedList } from "@/components/canned/canned-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { cannedListPage } from "@/lib/canned/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Canned responses" };

export default async function CannedListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZListParams.parse(await searchParams);
  const list = await cannedListPage(actor, params);
  return <CannedList basePath="/admin/canned" description="Ready-made replies agents can insert and adjust. Agents whose role allows it manage their own departments' responses." q={params.q} list={list} />;
}
