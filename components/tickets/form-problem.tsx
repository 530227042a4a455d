"use client";
import { Alert } from "@/components/ui/alert";
import type { FormProblem } from "@/components/forms/use-action-form";

export function FormProblemAlert({ problem, onReload, conflictTitle = "This ticket changed while you were working" }: { problem: FormProblem; onReload: () => void; conflictTitle?: string }) {
  if (!problem) return null;
  return (
    <Alert tone={problem.conflict ? "warning" : "error"} title={problem.conflict ? conflictTitle : undefined}>
      <p>{problem.message}</p>
      {problem.details?.length ? (
        <ul className="mt-2 list-disc pl-5">
          {problem.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
      {problem.conflict ? (
        <button type="button" onClick={onReload} disabled={problem.reloading} aria-busy={problem.reloading || undefined} className="mt-2 rounded-md border border-amber-300 bg-white px-2.5 py-1 text-sm font-medium text-amber-900 hover:bg-amber-100 disabled:cursor-wait disabled:opacity-70">
          {problem.reloading ? "Loading the latest version…" : "Load the latest version (keeps your text)"}
        </button>
      ) : null}
    </Alert>
  );
}
