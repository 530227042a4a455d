import "server-only";
// Reads for the mail administration pages (app/(admin)/admin/mail/**): each takes the actor first,
// and the service behind it refuses anyone but an administrator, so a page that forgot its guard
// still shows nothing. cache() shares one result between the components of a request.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/server/admin-write";
import type { TemplateKind } from "@/lib/mail/templates";
import { db } from "@/lib/server/db";
import { loadSettings } from "@/lib/settings/store";
import { inboundCounts, inboundMessage, inboundRaw, listInbound } from "./inbound";
import { listMailboxes, mailboxForEdit, mailboxTopicChoices } from "./mailboxes";
import { oauthGrantView, smtpOAuthVersion } from "./oauth";
import { listOutbox, outboxCounts, outboxMessage } from "./outbox";
import type { InboundParams, OutboxParams } from "./schemas";
import { mailSettingsForEdit, mailTopicChoices } from "./settings";
import { listMailTemplates, mailTemplateForEdit } from "./templates";
import { transportInEffect } from "./transport-info";

// ── Settings and transport ──────────────────────────────────────────────────────────────────────
export const mailSettingsScreen = cache((actor: StaffActor) => mailSettingsForEdit(db, actor));
export const mailSettingsTopics = cache((actor: StaffActor) => mailTopicChoices(db, actor));

/** Which transport outgoing mail takes right now, without any secret. */
export const mailTransport = cache(async (actor: StaffActor) => {
  assertAdmin(actor);
  return transportInEffect(await loadSettings(db));
});

/** What the SMTP sign-in page needs of the SMTP settings; never the password. */
export const smtpSignInSettings = cache(async (actor: StaffActor) => {
  assertAdmin(actor);
  const { host, auth, user } = (await loadSettings(db)).smtp;
  return { host, auth, user };
});

/** The version the SMTP sign-in form saves against. */
export const smtpOAuthFormVersion = cache((actor: StaffActor) => smtpOAuthVersion(db, actor));

/** The OAuth 2.0 app registration and connection of "smtp" or "mailbox:<id>", without secrets. */
export const mailOAuthGrant = cache((actor: StaffActor, key: string) => oauthGrantView(db, actor, key));

// ── IMAP mailboxes ──────────────────────────────────────────────────────────────────────────────
export const mailboxList = cache((actor: StaffActor) => listMailboxes(db, actor));
export const mailboxToEdit = cache((actor: StaffActor, id: number) => mailboxForEdit(db, actor, id));
export const mailboxTopics = cache((actor: StaffActor, currentId?: number | null) => mailboxTopicChoices(db, actor, currentId));

// ── Outbox and inbound ──────────────────────────────────────────────────────────────────────────
export const outboxStateCounts = cache((actor: StaffActor) => outboxCounts(db, actor));
export const outboxPage = cache((actor: StaffActor, params: OutboxParams) => listOutbox(db, actor, params));
export const outboxMessageDetail = cache((actor: StaffActor, id: number) => outboxMessage(db, actor, id));
export const inboundStateCounts = cache((actor: StaffActor) => inboundCounts(db, actor));
export const inboundPage = cache((actor: StaffActor, params: InboundParams) => listInbound(db, actor, params));
export const inboundMessageDetail = cache((actor: StaffActor, id: number) => inboundMessage(db, actor, id));
/** The stored source of an inbound message, for the .eml download. */
export const inboundSource = (actor: StaffActor, id: number) => inboundRaw(db, actor, id);

// ── Templates ───────────────────────────────────────────────────────────────────────────────────
export const mailTemplateList = cache((actor: StaffActor) => listMailTemplates(db, actor));
export const mailTemplateToEdit = cache((actor: StaffActor, kind: TemplateKind) => mailTemplateForEdit(db, actor, kind));
