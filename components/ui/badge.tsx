import type { ReactNode } from "react";

// Colours come from the database (an admin picks them); anything but a hex colour is ignored so a
// stored value can never add CSS of its own.
const HEX = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const safeColor = (color: string | null | undefined) => (color && HEX.test(color) ? color : "#64748b");

/** A small label with a coloured dot: the colour helps, the words carry the meaning. */
export function Badge({ color, children, className = "", title }: { color?: string | null; children: ReactNode; className?: string; title?: string }) {
  const c = safeColor(color);
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border px-2.5 py-0.5 text-xs font-medium text-slate-800 ${className}`}
      style={{ borderColor: `color-mix(in srgb, ${c} 45%, white)`, backgroundColor: `color-mix(in srgb, ${c} 10%, white)` }}
    >
      <span className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: c }} aria-hidden="true" />
      {children}
    </span>
  );
}
