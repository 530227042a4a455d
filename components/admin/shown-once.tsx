"use client";
// A secret the server will never show again (an invitation link, an API key), with a copy button.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function ShownOnce({ title, value, note, isPath = false }: { title: string; value: string; note: string; isPath?: boolean }) {
  const [copied, setCopied] = useState(false);
  const text = isPath && typeof window !== "undefined" ? `${window.location.origin}${value}` : value;
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4" role="status">
      <p className="text-sm font-semibold text-amber-950">{title}</p>
      <p className="text-sm text-amber-900">{note}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="shown-once" className="min-w-0 flex-1 break-all rounded border border-amber-200 bg-white px-2 py-1.5 font-mono text-xs text-slate-900">{text}</code>
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(text);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
