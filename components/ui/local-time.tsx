"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

function format(date: Date, timeZone?: string) {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/**
 * A date in the viewer's time zone. The server does not know that zone, so the first render says
 * UTC and the browser replaces it once hydrated (no mismatch: both renders agree at first).
 */
export function LocalTime({ value, className }: { value: Date | string; className?: string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <time dateTime={date.toISOString()} className={className} title={date.toISOString()}>
      {hydrated ? format(date) : `${format(date, "UTC")} UTC`}
    </time>
  );
}
