"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

// Building an Intl formatter costs far more than using one (it was the queue page's top cost on
// the server, twice per row): make each once.
const formatters = new Map<string, Intl.DateTimeFormat>();
let rtf: Intl.RelativeTimeFormat | null = null;

function format(date: Date, timeZone?: string) {
  const key = timeZone ?? "";
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone })));
  return formatter.format(date);
}

export function relativeTime(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  rtf ??= new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), "day");
  return format(date);
}

/**
 * A date in the viewer's time zone. The server does not know that zone, so the first render says
 * UTC and the browser replaces it once hydrated (no mismatch: both renders agree at first).
 */
export function LocalTime({ value, relative = false, className }: { value: Date | string; relative?: boolean; className?: string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <time dateTime={date.toISOString()} className={className} title={`${format(date, "UTC")} UTC`}>
      {hydrated ? (relative ? relativeTime(date) : format(date)) : `${format(date, "UTC")} UTC`}
    </time>
  );
}
