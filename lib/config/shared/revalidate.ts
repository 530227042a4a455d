import "server-only";
import { revalidatePath } from "next/cache";

/**
 * After a configuration change: the admin section that shows it, the dashboard's counts, and
 * whatever else shows the entity (the agent dashboard, the public form). Not in an actions file:
 * a 'use server' module may export actions only.
 */
export function revalidateConfig(section: string, { agent = false, portal = false } = {}) {
  revalidatePath(`/admin/${section}`, "layout");
  revalidatePath("/admin");
  if (agent) revalidatePath("/agent", "layout");
  if (portal) {
    revalidatePath("/");
    revalidatePath("/open");
  }
}
