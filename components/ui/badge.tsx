import type { CSSProperties, ReactNode } from "react";

// Colours come from the database (an admin picks them); anything but a hex colour is ignored so a
// stored value can never add CSS of its own.
const HEX = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const safeColor = (color: string | null | undefined) => (color && HEX.test(color) ? color : "#64748b");

/**
 * A small label with a coloured dot: the colour helps, the words carry the meaning. The look is the
 * `.badge` class in globals.css, fed one custom property: a queue shows a hundred of these, and
 * spelling the classes and colour mixes out on each made the page heavy.
 */
export function Badge({ color, children, className = "", title }: { color?: string | null; children: ReactNode; className?: string; title?: string }) {
  return (
    <span title={title} className={className ? `badge ${className}` : "badge"} style={{ "--badge": safeColor(color) } as CSSProperties}>
      {children}
    </span>
  );
}
