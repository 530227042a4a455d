"use client";
// The email as its sender formatted it, on request. The HTML was sanitised when it arrived (no
// scripts, no styles, no remote images); it is still shown only inside a sandboxed frame with a
// policy that loads nothing, so even a sanitiser bug could not run code or call out. The frame is
// made only when asked for: the thread itself stays plain text.
import { useState } from "react";

const POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

export function emailDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"></head><body style="margin:12px;font:14px/1.5 system-ui,sans-serif;color:#0f172a">${html}</body></html>`;
}

export function OriginalEmail({ html, label }: { html: string; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="mt-2">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="text-xs font-medium text-brand-700 underline-offset-2 hover:underline">
        {open ? "Hide the original email" : "Show the original email"}
      </button>
      {open ? <iframe sandbox="" srcDoc={emailDocument(html)} title={label} className="mt-2 h-96 w-full rounded border border-slate-200 bg-white" /> : null}
    </div>
  );
}
