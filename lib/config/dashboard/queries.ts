import "server-only";
// Reads for the admin console's layout and home page, bound to the app's database and cached per
// request (React cache). The counts and the subscribers refuse anyone but an administrator.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { bellNotifications } from "@/lib/tickets/notifications-service";
import { dashboardCounts, eventSubscribers } from "./reads";

export const adminCounts = cache((actor: StaffActor) => dashboardCounts(db, actor));
export const eventSubscriberStatus = cache((actor: StaffActor) => eventSubscribers(db, actor));
/** The notification bell in the console's header: the signed-in staff member's own notifications. */
export const consoleBell = cache((actor: StaffActor) => bellNotifications(db, actor));
