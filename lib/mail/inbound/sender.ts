// Who sent a mail, decided strictly. The From: line is parsed by an RFC 5322 grammar
// (email-addresses) rather than by the lenient parser that reads the rest of the mail: a lenient
// parser repairs "<mary ann jones@example.com>" into jones@example.com, a real-looking stranger
// who would then receive the private ticket link. When the line does not name exactly one clear
// address, the mail is still filed, but under a placeholder address that can never be mailed
// (RFC 2606 reserves .invalid), and agents see the header as it came. Pure.
import crypto from "node:crypto";
import emailAddresses from "email-addresses";
import { normaliseAddress } from "./raw-repair";

export type Sender = {
  /** The address to file the mail under (a placeholder under .invalid when unclear). */
  email: string;
  name: string;
  /** Why the sender is unclear, or null when the From: line names one address exactly. */
  unclear: string | null;
};

/** Where unclear senders are filed: a reserved top-level domain that no mail server delivers to. */
export const UNCLEAR_DOMAIN = "sender-unclear.invalid";

const MACHINE_ALONE = /^(?:"?([^<>"]*?)"?\s*<\s*)?(mailer-daemon|postmaster)\s*>?$/i;
const ADDRESS_LIKE = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]{2,}/g;

type Mailbox = { address: string; name: string | null };

function strictMailboxes(header: string): Mailbox[] | null {
  const list = emailAddresses.parseAddressList({ input: header, rfc6532: true, rejectTLD: false });
  if (!list) return null;
  return list.flatMap((a) => (a.type === "group" ? a.addresses : [a])).map((m) => ({ address: m.address, name: m.name }));
}

/** "<ann@example.com.>": the absolute-DNS trailing dot is the same mailbox; the strict grammar refuses it. */
function withoutTrailingDots(header: string): string {
  return header.replace(/(@[^\s<>@,;"]+?)\.+(?=\s*(?:>|,|;|$))/g, "$1");
}

/** A placeholder that stays the same for the same From: line, so that line's later mail threads. */
export function unclearAddress(rawFrom: string): string {
  const digest = crypto.createHash("sha256").update(rawFrom.trim().toLowerCase()).digest("hex").slice(0, 12);
  return `unclear-${digest}@${UNCLEAR_DOMAIN}`;
}

export function isUnclearAddress(email: string): boolean {
  return email.toLowerCase().endsWith(`@${UNCLEAR_DOMAIN}`);
}

/** An encoded-word display name is decoded by the caller; this only needs the name's text. */
function displayNameHidesAnotherAddress(name: string | null, address: string): boolean {
  if (!name) return false;
  return [...name.matchAll(ADDRESS_LIKE)].some((m) => normaliseAddress(m[0]) !== address);
}

/**
 * The sender of a mail from its From: header (unfolded, charset repaired) and, when the From: line
 * names several mailboxes, the Sender: header that says which of them sent it (RFC 5322 3.6.2).
 * `decoded` is what the mail parser read from the same line (display names with encoded-words
 * decoded), used for the names only.
 */
export function senderFromHeader(rawFrom: string, senderHeader: string, decoded: { address: string; name: string }[]): Sender {
  const header = rawFrom.trim();
  const decodedName = decoded[0]?.name ?? "";
  const machine = MACHINE_ALONE.exec(header);
  // Bounces from servers that write only "MAILER-DAEMON" (no domain): a machine, never mailed.
  if (machine) return { email: machine[2].toLowerCase(), name: decodedName || machine[1]?.trim() || machine[2], unclear: null };
  const boxes = strictMailboxes(header) ?? strictMailboxes(withoutTrailingDots(header));
  // The lenient parser's name for a broken line can swallow part of the address ("Mary mary ann"):
  // name the sender with what stands before the "<", as written, else the whole line.
  const written = /^\s*"?([^<>"]*?)"?\s*</.exec(header)?.[1]?.trim();
  const unclear = (reason: string): Sender => ({ email: unclearAddress(header), name: (written && !written.includes("=?") ? written : decodedName || header).slice(0, 100), unclear: reason });
  if (!boxes) return unclear("The From: line is not a valid address, so the sender's address is not certain.");
  let chosen: Mailbox | undefined = boxes[0];
  if (boxes.length === 0) return unclear("The From: line names no address.");
  if (boxes.length > 1) {
    const sender = senderHeader ? strictMailboxes(withoutTrailingDots(senderHeader.trim())) : null;
    const named = sender?.length === 1 ? normaliseAddress(sender[0].address) : null;
    chosen = boxes.find((b) => normaliseAddress(b.address) === named);
    if (!chosen) return unclear(`The From: line names ${boxes.length} addresses and no Sender: line says which one wrote.`);
  }
  const address = normaliseAddress(chosen.address);
  const name = decoded.find((d) => normaliseAddress(d.address) === address)?.name || chosen.name || "";
  if (displayNameHidesAnotherAddress(name, address)) return unclear("The sender's display name shows an address other than the one the mail came from.");
  return { email: address, name, unclear: null };
}
