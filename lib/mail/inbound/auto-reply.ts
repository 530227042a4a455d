// Is this mail written by a machine (an out-of-office, a bounce, a list)? Such mail is still filed,
// but never answered automatically: two auto-responders answering each other is a mail loop.

export type HeaderLookup = (name: string) => string | undefined;

/** Why the mail counts as automatic, or null for a person's mail. */
export function autoReplyReason(header: HeaderLookup, fromEmail: string | null, contentType: string): string | null {
  const autoSubmitted = header("auto-submitted")?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith("no")) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header("precedence")?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder", "x-auto-reply"]) if (header(name) !== undefined) return name;
  if (header("x-auto-response-suppress") && /^(auto(matic)? reply|out of office|abwesend)/i.test(header("subject") ?? "")) return "out-of-office";
  const local = fromEmail?.split("@")[0]?.toLowerCase() ?? "";
  if (local === "mailer-daemon" || local === "postmaster") return `sender ${local}`;
  if (/^multipart\/report\b/i.test(contentType)) return "delivery report";
  if (header("return-path")?.trim() === "<>") return "null return path";
  return null;
}
