"use client";
// Dates are stored in UTC and shown in the viewer's own time zone. The server renders UTC; the
// browser replaces it with local time after hydration.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

function format(date: Date, withTimeZone: boolean, timeZone?: string) {
  // dateStyle cannot be combined with timeZoneName, so the fields are spelled out.
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, ...(withTimeZone ? { timeZoneName: "short" } : {}) }).format(date);
}

export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const date = new Date(iso);
  const text = useSyncExternalStore(
    subscribe,
    () => (relative ? relativeTime(date) : format(date, false)),
    () => format(date, true, "UTC"),
  );
  return (
    <time dateTime={iso} title={format(date, true, "UTC")}>
      {text}
    </time>
  );
}

export function relativeTime(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), "day");
  return format(date, false);
}
