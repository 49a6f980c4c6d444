/**
 * The business days a report covers. Days are the site's local calendar days (contract/facility-time.ts):
 * the day daylight-saving time ends has 25 hours and the day it starts 23.
 */
import { addDays, localDate } from "#contract/facility-time.js";

/**
 * The `n` complete business days before the facility's today (the day of `nowMs`), oldest first:
 * `from` and `to` inclusive.
 */
export function completeDaysBefore(nowMs: number, timeZone: string, n: number): { from: string; to: string } {
  const today = localDate(nowMs, timeZone);
  return { from: addDays(today, -n), to: addDays(today, -1) };
}
