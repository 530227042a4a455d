"use client";
// Recovery codes, shown once: copy or download them before going on.
import { CopyButton } from "@/components/ui/copy-button";

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `Help desk recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" role="status">
      <p className="text-sm font-semibold text-amber-950">Save your recovery codes now</p>
      <p className="text-sm text-amber-900">Each code signs you in once if you lose your phone. They are not shown again; keep them somewhere safe, such as a password manager.</p>
      <ul className="grid grid-cols-1 gap-1 font-mono text-sm text-slate-900 sm:grid-cols-2" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((c) => <li key={c} className="rounded border border-amber-200 bg-white px-2 py-1">{c}</li>)}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={text} label="Copy codes" />
        <a
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="helpdesk-recovery-codes.txt"
        >
          Download as a file
        </a>
      </div>
    </div>
  );
}
