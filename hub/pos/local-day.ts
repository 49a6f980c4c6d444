/**
 * Sale times as exports write them, to instants. A sale's business day is the facility's local
 * calendar day of that instant (contract/facility-time.ts `localDate`): a sale at 23:30 in Oakland
 * is that day's sale although UTC is already on the next.
 */
import { localToInstant } from "#contract/facility-time.js";

/** ISO-8601 date-time that carries its offset (`Z`, `+02:00`, `-0800`). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** ISO-8601 date-time without an offset (a local wall-clock time). */
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;
/** US back-office exports: `11/1/2026 1:30 AM`, `11/01/2026 13:30:05`. */
const US_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;

/** An instant with an offset as ISO UTC (`…Z`); undefined when unreadable. */
export function instantWithOffset(value: string): string | undefined {
  const v = value.trim();
  if (!ISO_WITH_OFFSET.test(v)) return undefined;
  const ms = Date.parse(v.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function usToIso(m: RegExpExecArray): string | undefined {
  let hour = Number(m[4]);
  const meridiem = m[7]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === "PM" ? 12 : 0);
  }
  const pad = (n: string | number) => String(n).padStart(2, "0");
  return `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}T${pad(hour)}:${m[5]}:${m[6] ?? "00"}`;
}

/**
 * An instant from a time as exports write it: with an offset (taken as is), or a local
 * wall-clock time (ISO without offset, or US `M/D/YYYY h:mm[:ss] [AM|PM]`) read in `timeZone`.
 * In the hour that repeats when daylight-saving time ends, a wall-clock time is ambiguous; it is
 * read as the first of the two (daylight time), which keeps it on the same business day.
 */
export function instantFromExport(value: string, timeZone: string): string | undefined {
  const v = value.trim();
  if (ISO_WITH_OFFSET.test(v)) return instantWithOffset(v);
  const iso = ISO_LOCAL.exec(v);
  const us = iso ? undefined : US_LOCAL.exec(v);
  const local = iso ? `${iso[1]}T${iso[2]}` : us ? usToIso(us) : undefined;
  return local ? localToInstant(local, timeZone) : undefined;
}
