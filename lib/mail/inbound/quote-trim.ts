// Cuts the quoted history and the signature off a reply, so the ticket thread shows what the
// requester wrote this time rather than the whole conversation again. Pure; applied only to mail
// threaded onto an existing ticket (a new ticket keeps everything: a forward is all quote).

/** "On Mon, 3 Feb 2025 at 10:00, Ann <ann@example.com> wrote:" and its usual translations. */
const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,200}:$/i,
  /^Le\b.{0,300}\ba écrit\s?:$/i,
  /^El\b.{0,300}\bescribió:$/i,
  /^Op\b.{0,300}\bschreef\b.{0,200}:$/i,
  /^Il giorno\b.{0,300}\bha scritto:$/i,
];

const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale)\s*-{2,}$/i;
const HEADER_FROM = /^\*?(From|Von|De|Van|Da):\*?\s/i;
const HEADER_SENT = /^\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Verzonden|Inviato):\*?\s/i;
const OUTLOOK_RULE = /^_{10,}$/;
const SIGNATURE = /^-- ?$/;

function isAttribution(lines: string[], i: number): number {
  const line = lines[i].trim();
  if (ATTRIBUTION.some((re) => re.test(line))) return i;
  // Clients wrap a long attribution over two lines: "On …, Ann <ann@\nexample.com> wrote:".
  if (i + 1 < lines.length && /^(On|Am|Le|El|Op)\b/i.test(line)) {
    const joined = `${line} ${lines[i + 1].trim()}`;
    if (ATTRIBUTION.some((re) => re.test(joined))) return i;
  }
  return -1;
}

/** Index of the first line of a "From: … Sent: …" header block starting at i, or -1. */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i].trim())) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) if (HEADER_SENT.test(lines[j].trim())) return true;
  return false;
}

export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (SIGNATURE.test(lines[i]) || ORIGINAL_MESSAGE.test(line) || isAttribution(lines, i) === i || isHeaderBlock(lines, i)) {
      cut = i;
      break;
    }
    if (OUTLOOK_RULE.test(line) && i + 1 < lines.length && isHeaderBlock(lines, i + 1)) {
      cut = i;
      break;
    }
  }
  const kept = lines.slice(0, cut);
  // A trailing block of ">" lines is the quoted history; quotes followed by new text are inline
  // answers and stay, since the answers make no sense without them.
  let end = kept.length;
  while (end > 0 && (kept[end - 1].trim() === "" || kept[end - 1].trimStart().startsWith(">"))) end--;
  const result = kept.slice(0, end).join("\n").trim();
  // Never store an empty reply: if everything looked like a quote, keep it all.
  return result || text.trim();
}
