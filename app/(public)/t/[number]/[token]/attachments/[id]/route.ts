// A requester's download: the private link is verified exactly as for the ticket page, and only
// files on messages and replies are served, never one on an internal note (getRequesterAttachment).
// lib/attachments/download.ts decides how every attachment is sent.
import { attachmentIdOf, attachmentNotFound, attachmentResponse } from "@/lib/attachments/download";
import { AppError } from "@/lib/server/errors";
import { requesterAttachment, requesterByLink } from "@/lib/tickets/queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ number: string; token: string; id: string }> }) {
  const { number, token, id } = await params;
  const attachmentId = attachmentIdOf(id);
  if (attachmentId === null) return attachmentNotFound();
  try {
    return await attachmentResponse(await requesterAttachment(await requesterByLink(number, token), attachmentId));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return attachmentNotFound();
    throw error;
  }
}
