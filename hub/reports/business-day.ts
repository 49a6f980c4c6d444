/**
 * Business days as the facility keeps them: a day is the site's local calendar day (its `timeZone`),
 * from local midnight to the next, so the day daylight-saving time ends has 25 hours and the day it
 * starts 23. Reports read instants (ISO UTC text) between a day's bounds and name days YYYY-MM-DD.
 */
import { businessDay } from "#hub/pos/local-day.js";

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The day `n` calendar days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The facility's business day of an instant (ms). */
export function dayOf(instantMs: number, timeZone: string): string {
  return businessDay(new Date(instantMs).toISOString(), timeZone);
}

/** The first instant (ms) of local day `day` in `timeZone`: local midnight, found by stepping the offset. */
export function dayStartMs(day: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset is at most ±14 h: look for the first hour (then minute) whose local day is `day`.
  let lo = midnightUtc - 15 * 3_600_000;
  let hi = midnightUtc + 15 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (dayOf(mid, timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A business day's bounds as ISO instants: `from` inclusive, `to` exclusive. */
export function dayBounds(day: string, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(dayStartMs(day, timeZone)).toISOString(),
    to: new Date(dayStartMs(addDays(day, 1), timeZone)).toISOString(),
  };
}

/**
 * The `n` complete business days before the facility's today (the day of `nowMs`), oldest first:
 * `from` and `to` inclusive.
 */
export function completeDaysBefore(nowMs: number, timeZone: string, n: number): { from: string; to: string } {
  const today = dayOf(nowMs, timeZone);
  return { from: addDays(today, -n), to: addDays(today, -1) };
}

/** The facility's wall-clock minutes since local midnight of an instant (ms). */
export function localMinutes(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" })
    .formatToParts(new Date(instantMs))
    .map((p) => [p.type, p.value]);
  const get = Object.fromEntries(parts) as Record<string, string>;
  return Number(get.hour) * 60 + Number(get.minute);
}
