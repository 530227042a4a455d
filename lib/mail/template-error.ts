// Mustache reports a broken template by character offset ("Unclosed tag at 24"): say the line, the
// column and the tag instead, so an admin can find it in a long template.

/** Line and column (both from 1) of a character offset in `source`. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Mustache's parse error in words that point at the problem; unknown messages pass through. */
export function describeTemplateError(message: string, source: string): string {
  const found = /^(.*?) at (\d+)$/.exec(message.trim());
  if (!found) return `Template error: ${message}.`;
  const [, what, at] = found;
  const offset = Number(at);
  const { line, column } = lineAndColumn(source, offset);
  const where = `line ${line}, column ${column}`;
  const section = /^(Unclosed|Unopened) section "(.+)"$/.exec(what);
  if (section) {
    return section[1] === "Unclosed"
      ? `Template error on ${where}: the section {{#${section[2]}}} is never closed. Add {{/${section[2]}}} where it ends.`
      : `Template error on ${where}: {{/${section[2]}}} closes a section that was never opened.`;
  }
  if (what === "Unclosed tag") {
    // Mustache points after the opening braces' text; show the tag as written, up to the line's end.
    const start = source.lastIndexOf("{{", offset);
    const tag = source.slice(start >= 0 ? start : offset).split("\n")[0].slice(0, 40);
    const opened = lineAndColumn(source, start >= 0 ? start : offset);
    return `Template error on line ${opened.line}, column ${opened.column}: the tag ${tag} is not closed with }}.`;
  }
  return `Template error on ${where}: ${what}.`;
}
