/**
 * Business days: the site's local calendar day (its `timeZone`). A day's bounds are instants, so
 * the day daylight-saving time ends has 25 hours and the day it starts 23, and a sale at 23:45 is
 * that day's although UTC is already on the next.
 */
import { businessDay, instantFromExport } from "#hub/pos/local-day.js";
import { facilityLocalDateTime } from "#hub/statesystem/metrc/local-time.js";

/** YYYY-MM-DD that is a real calendar day. */
export function isBusinessDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** The calendar day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The first instant of `day` in `timeZone`, and of the day after, as ISO UTC. */
export function dayBounds(day: string, timeZone: string): { start: string; end: string } {
  return {
    start: instantFromExport(`${day}T00:00:00`, timeZone)!,
    end: instantFromExport(`${addDays(day, 1)}T00:00:00`, timeZone)!,
  };
}

/** The facility's business day at `nowMs`. */
export function today(nowMs: number, timeZone: string): string {
  return businessDay(new Date(nowMs).toISOString(), timeZone);
}

/**
 * The day a scheduled run is due for at `nowMs`: the previous business day once the facility's
 * clock has passed `at` ("HH:MM"), else none yet.
 */
export function scheduledDay(nowMs: number, timeZone: string, at: string): string | undefined {
  const wall = facilityLocalDateTime(new Date(nowMs), timeZone);
  return wall.slice(11, 16) >= at ? addDays(wall.slice(0, 10), -1) : undefined;
}
