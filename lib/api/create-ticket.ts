import "server-only";
// POST /api/tickets.json, as osTicket's: JSON in, the new ticket's number out (201, plain text).
// Errors are one plain-text line with 400 (bad input), 401 (no or unknown key) or 403 (key not
// allowed). Attachments are checked against the same limits as the web form before anything is stored.
import { z } from "zod";
import { checkUploads } from "@/lib/attachments/validate";
import { withStoredFiles } from "@/lib/attachments/storage";
import { htmlToPlainText, sanitizeMailHtml } from "@/lib/mail/html";
import { AppError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { openTicket } from "@/lib/tickets/requester-service";
import { clientIp, verifyApiKey } from "./api-keys";
import { dataUrlText, parseDataUrl } from "./data-url";
import { plainText, readLimited } from "./responses";

/** Base64 attachments make requests large; the per-file and total limits apply after decoding. */
export const MAX_API_REQUEST_BYTES = 40 * 1024 * 1024;

const flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) => !(v === false || v === 0 || v === "0" || v === "false" || v === ""));

const ZApiTicket = z.object({
  name: z.string().max(100),
  email: z.string().max(254),
  subject: z.string().max(300),
  message: z.string().max(5_000_000),
  topicId: z.coerce.number().int().positive().optional(),
  priority: z.coerce.number().int().positive().optional(),
  phone: z.string().max(30).optional(),
  source: z.string().max(20).optional(),
  alert: flag.optional(),
  autorespond: flag.optional(),
  ip: z.string().max(64).optional(),
  attachments: z.array(z.record(z.string(), z.string())).max(20).optional(),
});

const SOURCES: Record<string, "API" | "EMAIL" | "PHONE" | "WEB"> = { api: "API", email: "EMAIL", phone: "PHONE", web: "WEB", other: "API" };

/** The message: plain text, or a data: URL whose HTML is sanitised and turned into text. */
function messageOf(value: string): { text: string; html: string | null } {
  if (!value.startsWith("data:")) return { text: value, html: null };
  const url = parseDataUrl(value);
  if (!url) throw new AppError("INVALID", "message: unreadable data URL");
  const text = dataUrlText(url);
  if (url.mediaType !== "text/html") return { text, html: null };
  const html = sanitizeMailHtml(text);
  return { text: htmlToPlainText(html), html };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "request"}: ${issue.message}` : "Invalid request";
}

export async function handleTicketApi(db: Db, request: Request, socketAddress?: string | null): Promise<Response> {
  const auth = await verifyApiKey(db, request.headers.get("x-api-key"), "tickets:create", clientIp(request, socketAddress));
  if (!auth.ok) return plainText(auth.status, auth.message);
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "application/json")) return plainText(415, "Only JSON is supported (Content-Type: application/json)");
  const body = await readLimited(request, MAX_API_REQUEST_BYTES);
  if (body === null) return plainText(413, "Request too large");
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return plainText(400, "Invalid JSON");
  }
  const parsed = ZApiTicket.safeParse(json);
  if (!parsed.success) return plainText(400, firstIssue(parsed.error));
  const input = parsed.data;
  try {
    const settings = await loadSettings(db);
    const message = messageOf(input.message);
    const incoming = [];
    for (const entry of input.attachments ?? []) {
      for (const [name, value] of Object.entries(entry)) {
        const url = parseDataUrl(value);
        if (!url) return plainText(400, `attachments: "${name}" is not a data URL`);
        incoming.push({ name, bytes: new Uint8Array(url.bytes), declaredType: url.mediaType });
      }
    }
    const checked = await checkUploads(incoming, settings);
    if (!checked.ok) return plainText(400, `attachments: ${checked.message}`);
    const helpTopicId = input.topicId ?? settings.mailDefaultHelpTopicId ?? (await db.helpTopic.findFirst({ where: { active: true, isPublic: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true } }))?.id;
    if (!helpTopicId) return plainText(400, "topicId: no help topic is set up");
    const source = SOURCES[input.source?.toLowerCase() ?? "api"] ?? "API";
    const priority = input.priority ? await db.priority.findUnique({ where: { id: input.priority } }) : null;
    if (input.priority && !priority) return plainText(400, "priority: unknown priority id");
    const opened = await withStoredFiles(checked.files, (stored) =>
      openTicket(db, { name: input.name, email: input.email, phone: input.phone ?? "", helpTopicId, subject: input.subject, message: message.text }, stored, "API", {
        bodyHtml: message.html,
        apiKey: { kind: "apiKey", keyId: auth.keyId, label: auth.label, onBehalfOf: input.ip ?? null },
        channel: source,
        priorityId: priority?.id,
        autoRespond: input.autorespond ?? true,
        alertStaff: input.alert ?? true,
      }),
    );
    return plainText(201, opened.number);
  } catch (error) {
    if (error instanceof z.ZodError) return plainText(400, firstIssue(error));
    if (error instanceof AppError && (error.code === "INVALID" || error.code === "NOT_FOUND")) {
      const fields = Object.entries(error.fieldErrors).map(([k, v]) => `${k === "helpTopicId" ? "topicId" : k}: ${v}`);
      return plainText(400, fields[0] ?? error.message);
    }
    console.error("ticket API: not created", error);
    return plainText(500, "Unable to create the ticket");
  }
}
