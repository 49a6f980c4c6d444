import { addDays, dayStartMs, isCalendarDate } from "#contract/facility-time.js";
import type { AuditRange } from "#hub/ledger/audit-export.js";

/**
 * An export's date range as a person gives it: `from` and `to` are facility-local days
 * (YYYY-MM-DD, the site's time zone), both included, so "from 2026-11-01 to 2026-11-30" is
 * November as the store lived it, from local midnight to local midnight; an ISO instant
 * (`2026-11-01T08:00:00Z`) is taken as is, `to` then excluded.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** The instant a bound stands for, or why it is not a date. */
function bound(name: string, value: string, timeZone: string, end: boolean): string | { error: string } {
  const v = value.trim();
  if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  if (!isCalendarDate(v)) return { error: `${name} takes a date like 2026-11-01, not "${value.slice(0, 40)}"` };
  return new Date(dayStartMs(end ? addDays(v, 1) : v, timeZone)).toISOString();
}

/** The instants of a from/to pair in `timeZone`; either may be left out. */
export function exportRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
  names: { from: string; to: string } = { from: "from", to: "to" },
): { range: AuditRange } | { error: string } {
  const range: AuditRange = {};
  if (from) {
    const b = bound(names.from, from, timeZone, false);
    if (typeof b !== "string") return b;
    range.from = b;
  }
  if (to) {
    const b = bound(names.to, to, timeZone, true);
    if (typeof b !== "string") return b;
    range.to = b;
  }
  if (range.from && range.to && range.from >= range.to)
    return { error: `${names.from} ${from} comes after ${names.to} ${to}: the first day may not come after the last` };
  return { range };
}
