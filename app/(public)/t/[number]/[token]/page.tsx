import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { AppError } from "@/lib/server/errors";
import { portalSettings, requesterByLink, requesterTicketView } from "@/lib/tickets/queries";
import { ReplyForm } from "./reply-form";
import { Thread } from "./thread";
import { ForgetCreatedFlag } from "./forget-created-flag";
import { NewLinkButton } from "./new-link-button";
import { CloseTicketButton, ReopenTicketButton } from "./ticket-state-buttons";

// The URL is the key to the ticket: keep it out of search engines (the Referrer-Policy header that
// keeps it out of other sites' logs is set for /t/* in next.config.js).
export const metadata: Metadata = { title: "Your ticket", robots: { index: false, follow: false } };

type Params = { number: string; token: string };

async function publicBaseUrl(configured: string): Promise<string> {
  const base = configured || process.env.APP_URL;
  if (base) return base.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

export default async function RequesterTicketPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ created?: string }> }) {
  const { number, token } = await params;
  const { created } = await searchParams;
  const view = await requesterByLink(number, token).then(requesterTicketView).catch((error: unknown) => {
    // A wrong number and a wrong token look the same: no hint that the ticket exists.
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const settings = await portalSettings();
  const { ticket } = view;
  const link = `${await publicBaseUrl(settings.helpdeskUrl)}/t/${encodeURIComponent(ticket.number)}/${token}`;
  const uploads = settings.uploads;
  const closedWord = ticket.status.kind === "RESOLVED" ? "resolved" : "closed";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {created === "1" ? (
        <Alert tone="success" title={`Ticket #${ticket.number} has been opened`}>
          <ForgetCreatedFlag />
          <p>
            <strong>Keep this private link.</strong> It is the only way to see replies and answer them here, and anyone who has it can read your ticket: do not share it.
          </p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row">
            <label htmlFor="private-link" className="sr-only">Your private link</label>
            <input id="private-link" readOnly value={link} className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-slate-800 sm:text-sm" />
            <CopyButton text={link} label="Copy link" />
          </div>
          <p className="mt-2 text-xs">
            Lost it later? Use <Link href="/status" className="font-medium underline">Check a ticket&apos;s status</Link> and we will email it to you.
          </p>
        </Alert>
      ) : null}

      <header className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-2">
            <p className="text-sm font-medium text-slate-500">Ticket #{ticket.number}</p>
            <h1 className="break-words text-2xl font-semibold tracking-tight">{ticket.subject}</h1>
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
              <span className="inline-flex items-center gap-1.5" data-testid="ticket-status">
                <span className="sr-only">Status: </span>
                <Badge color={ticket.status.color}>{ticket.status.name}</Badge>
              </span>
              <span>
                Opened <LocalTime value={ticket.createdAt} />
              </span>
              <span aria-hidden="true" className="hidden text-slate-300 sm:inline">·</span>
              <span>
                Updated <LocalTime value={ticket.updatedAt} />
              </span>
            </p>
          </div>
          {view.canClose ? <CloseTicketButton number={ticket.number} token={token} /> : null}
        </div>
      </header>

      {view.resolution ? (
        <section aria-labelledby="resolution" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5" data-testid="resolution">
          <h2 id="resolution" className="text-lg font-semibold text-emerald-900">Resolution</h2>
          {view.resolution.at ? <p className="text-sm text-emerald-900">Resolved <LocalTime value={view.resolution.at} /></p> : null}
          <p className="mt-2 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{view.resolution.text}</p>
        </section>
      ) : null}

      <section aria-labelledby="conversation">
        <h2 id="conversation" className="mb-3 text-lg font-semibold">Conversation</h2>
        <Thread entries={view.entries} attachmentHref={(id) => `/t/${encodeURIComponent(ticket.number)}/${token}/attachments/${id}`} />
      </section>

      {view.canReply ? (
        <section aria-labelledby="reply" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="reply" className="text-lg font-semibold">Reply</h2>
          <p className="mt-1 text-sm text-slate-600">Add information or answer our questions. We will see it at once.</p>
          <ReplyForm number={ticket.number} token={token} uploads={uploads} />
        </section>
      ) : (
        <section aria-labelledby="closed" className="rounded-lg border border-slate-200 bg-slate-100/70 p-5">
          <h2 id="closed" className="text-lg font-semibold">This ticket is {closedWord}</h2>
          <p className="mt-1 text-sm text-slate-700">
            A {closedWord} ticket no longer takes replies.{" "}
            {view.canReopen ? "If the problem is back or was not solved, reopen it and write to us." : "If you need more help, open a new ticket."}
          </p>
          <div className="mt-4">
            {view.canReopen ? (
              <ReopenTicketButton number={ticket.number} token={token} />
            ) : (
              <Link href="/open" className={buttonClass("primary")}>
                Open a new ticket
              </Link>
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="link-safety" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="link-safety" className="text-lg font-semibold">Shared this link by mistake?</h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">Anyone with the link of this page can read and answer your ticket. Replace it with a new one, sent to your email.</p>
        <NewLinkButton number={ticket.number} token={token} />
      </section>
    </div>
  );
}
