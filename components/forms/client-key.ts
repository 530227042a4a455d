// The key a form sends with a submission so the server can tell a retry from a second submission.
// Not crypto.randomUUID: browsers offer it only in secure contexts (https or localhost), and many help
// desks run on plain http inside a network. crypto.getRandomValues is available on every origin.

/** A random v4 UUID, on any origin. */
export function newClientKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
