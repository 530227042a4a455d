import "server-only";
// Reads for the agent pages and the requester's private-link page, already scoped to the actor.
// Pages ask here instead of the database client. A page read is wrapped in React's cache(), so a
// layout and a page (or two components) asking the same thing in one request read it once.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { loadSettings } from "@/lib/settings/store";
import { bellNotifications, hasUnreadOnTicket, recentNotifications } from "./notifications-service";
import { listPublicHelpTopics } from "./public-queries";
import { queuePage } from "./queue-query";
import { requesterAttachmentOf, requesterByTicketLink, requesterViewOf, type LinkRequester } from "./requester-service";
import type { QueueParams } from "./schemas";
import { requesterPanel, ticketWorkspace, visibleTicketNumber } from "./workspace-query";

// ---- Staff -----------------------------------------------------------------------------------

/** The bell in the agent header: unread count and the latest few. */
export const bellFor = cache((actor: StaffActor) => bellNotifications(db, actor));

/** The notifications page: the actor's latest notifications, read or not. */
export const notificationsFor = cache((actor: StaffActor) => recentNotifications(db, actor));

/** One page of a queue, in the actor's scope. */
export const queueRows = cache((actor: StaffActor, params: QueueParams) => queuePage(db, actor, params));

/** The header's jump: the number typed, if it is a ticket the actor may see. */
export const ticketNumberVisibleTo = cache((actor: StaffActor, text: string) => visibleTicketNumber(db, actor, text));

/** The choices of the queue's filters. Departments are the actor's own (all of them for an administrator). */
export const queueFilterChoices = cache(async (actor: StaffActor) => {
  const [statuses, priorities, departments, agents, teams] = await Promise.all([
    db.ticketStatus.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.priority.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.department.findMany({ where: { archivedAt: null, ...(actor.isAdmin ? {} : { id: { in: [...actor.departments.keys()] } }) }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.staff.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 }),
    db.team.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { statuses, priorities, departments, agents, teams };
});

/** Everything the ticket workspace shows, or null when the actor may not see the ticket (404, no hint). */
export const workspaceFor = cache((actor: StaffActor, number: string) => ticketWorkspace(db, actor, number));

/** The requester beside the ticket and their other tickets the actor may see. */
export const requesterPanelFor = cache((actor: StaffActor, requesterId: number, ticketId: number) => requesterPanel(db, actor, requesterId, ticketId));

/** Whether the actor has unread notifications about this ticket. */
export const unreadOnTicket = cache((actor: StaffActor, ticketId: number) => hasUnreadOnTicket(db, actor, ticketId));

// ---- Requester portal --------------------------------------------------------------------------

export type { LinkRequester };

/** Checks a private link; a wrong number and a wrong token are the same "not found" (AppError NOT_FOUND). */
export const requesterByLink = cache(async (number: string, token: string): Promise<LinkRequester> => requesterByTicketLink(db, number, token));

/** What the requester sees on their ticket: messages and replies, never internal notes. */
export const requesterTicketView = cache((actor: LinkRequester) => requesterViewOf(db, actor.ticketId));

/** An attachment of the link's ticket the requester may download (never one on an internal note). */
export function requesterAttachment(actor: LinkRequester, attachmentId: number) {
  return requesterAttachmentOf(db, actor.ticketId, attachmentId);
}

export type PortalSettings = { helpdeskUrl: string; uploads: { maxFiles: number; maxFileMb: number; maxTotalMb: number; allowedTypes: string[] } };

/** The settings the portal's pages show: the help desk's address and the upload limits (nothing else leaves the server). */
export const portalSettings = cache(async (): Promise<PortalSettings> => {
  const s = await loadSettings(db);
  return { helpdeskUrl: s.helpdeskUrl, uploads: { maxFiles: s.attachmentMaxFiles, maxFileMb: s.attachmentMaxFileMb, maxTotalMb: s.attachmentMaxTotalMb, allowedTypes: s.attachmentAllowedTypes } };
});

/** The help topics anyone may open a ticket under. */
export const publicHelpTopics = cache(() => listPublicHelpTopics(db));
