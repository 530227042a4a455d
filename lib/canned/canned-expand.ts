// Fills the placeholders of a canned response. Pure: the composer can run it in the browser.
// Unknown placeholders stay as they are, so a typo is visible to the agent rather than silently
// dropped; a known placeholder without a value becomes empty.
export const CANNED_PLACEHOLDERS = ["requester.name", "ticket.number", "ticket.subject", "agent.name"] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

export type CannedContext = {
  requester?: { name?: string | null } | null;
  ticket?: { number?: string | null; subject?: string | null } | null;
  agent?: { name?: string | null } | null;
};

function valueOf(key: CannedPlaceholder, ctx: CannedContext): string {
  switch (key) {
    case "requester.name":
      return ctx.requester?.name ?? "";
    case "ticket.number":
      return ctx.ticket?.number ?? "";
    case "ticket.subject":
      return ctx.ticket?.subject ?? "";
    case "agent.name":
      return ctx.agent?.name ?? "";
  }
}

export function expandCanned(body: string, ctx: CannedContext): string {
  return body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi, (match, key: string) => {
    const k = key.toLowerCase() as CannedPlaceholder;
    return (CANNED_PLACEHOLDERS as readonly string[]).includes(k) ? valueOf(k, ctx) : match;
  });
}

/** Placeholders a body uses that expandCanned does not know, for a warning in the editor. */
export function unknownPlaceholders(body: string): string[] {
  const found = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set(found.filter((k) => !(CANNED_PLACEHOLDERS as readonly string[]).includes(k.toLowerCase())))];
}
