/**
 * When a scheduled reconciliation is due. Business days are the site's local calendar days
 * (contract/facility-time.ts), so a sale at 23:45 is that day's although UTC is already on the next.
 */
import { addDays, localDateTime } from "#contract/facility-time.js";

/**
 * The day a scheduled run is due for at `nowMs`: the previous business day once the facility's
 * clock has passed `at` ("HH:MM"), else none yet.
 */
export function scheduledDay(nowMs: number, timeZone: string, at: string): string | undefined {
  const wall = localDateTime(nowMs, timeZone);
  return wall.slice(11, 16) >= at ? addDays(wall.slice(0, 10), -1) : undefined;
}
