import "server-only";
// The queue counts of the navigation, the dashboard and the queue's heading: computed once per
// request (React cache) and kept a few seconds across requests (count-cache).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { cachedCount, scopeKey } from "./count-cache";
import { COUNTED_QUEUES, countInScope, departmentOpenCounts, queueCounts, type Count, type CountedQueue } from "./queue-counts";
import { queueFilter } from "./queue-query";
import type { QueueParams } from "./schemas";

export const requestQueueCounts = cache((actor: StaffActor) => cachedCount(`queues:${scopeKey(actor)}`, () => queueCounts(db, actor)));
export const requestDepartmentCounts = cache((actor: StaffActor) => cachedCount(`departments:${scopeKey(actor)}`, () => departmentOpenCounts(db, actor)));

/** The count in a queue's heading: the navigation's when the page shows a whole tab, else counted now. */
export async function requestQueueTotal(actor: StaffActor, params: QueueParams): Promise<Count> {
  const { queue, department, status, priority, assignee, team, q } = params;
  const narrowed = status || priority || assignee !== undefined || team || q;
  if (!narrowed && !department && (COUNTED_QUEUES as readonly string[]).includes(queue)) return (await requestQueueCounts(actor))[queue as CountedQueue];
  if (!narrowed && department && queue === "open") {
    const tab = (await requestDepartmentCounts(actor)).find((d) => d.id === department);
    if (tab) return tab.count;
  }
  return countInScope(db, actor, queueFilter(actor, params, new Date(), db));
}
