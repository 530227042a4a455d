"use client";
import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { formatBytes } from "./format-bytes";

/**
 * A file picker that lists what was chosen. Uncontrolled: the form reads `input.files`; to clear it,
 * give it a new `key`.
 */
export const FileInput = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "type">>(function FileInput({ className = "", onChange, ...props }, ref) {
  const [chosen, setChosen] = useState<{ name: string; size: number }[]>([]);
  return (
    <div>
      <input
        ref={ref}
        type="file"
        className={`block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50 ${className}`}
        onChange={(event) => {
          setChosen(Array.from(event.target.files ?? [], (f) => ({ name: f.name, size: f.size })));
          onChange?.(event);
        }}
        {...props}
      />
      {chosen.length ? (
        <ul className="mt-2 space-y-1 text-xs text-slate-600">
          {chosen.map((f, i) => (
            <li key={`${f.name}-${i}`} className="flex justify-between gap-3 rounded border border-slate-200 bg-slate-50 px-2 py-1">
              <span className="truncate">{f.name}</span>
              <span className="shrink-0 tabular-nums">{formatBytes(f.size)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
