/**
 * The cycle-count schedule: each class is counted once per its cadence (default A monthly,
 * B quarterly, C yearly). Within each calendar period (month, quarter, year) the items of a
 * class are spread evenly over the period's business days: item k of m (in a fixed order that
 * mixes categories) is counted on business day ⌊k·n/m⌋ of the n in the period, so every item
 * comes up exactly once per period and no day carries more than its share. Days are
 * facility-local calendar dates (YYYY-MM-DD); contract/facility-time.ts `localDate` turns an instant into one. Pure.
 */
import { createHash } from "node:crypto";
import type { CountClass } from "./classing.js";
import { weekdays, type CountsConfig, type Weekday } from "./config.js";

type Cadence = CountsConfig["cadence"]["a"];

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];
const dayText = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The weekday of a calendar date (the date alone: no time zone involved). */
export function weekdayOf(day: string): Weekday {
  const [y, m, d] = parts(day);
  return weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/** First and last date of the month, quarter or year holding `day`. */
export function periodOf(day: string, cadence: Cadence): { start: string; end: string } {
  const [y, m] = parts(day);
  const months = cadence === "month" ? 1 : cadence === "quarter" ? 3 : 12;
  const first = Math.floor((m - 1) / months) * months + 1;
  const last = first + months - 1;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  return { start: dayText(y, first, 1), end: dayText(y, last, lastDay) };
}

/** The business days from `start` to `end` inclusive. */
export function businessDaysIn(start: string, end: string, open: readonly Weekday[]): string[] {
  const out: string[] = [];
  const [y, m, d] = parts(start);
  for (let t = Date.UTC(y, m - 1, d); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > end) return out;
    if (open.includes(weekdayOf(day))) out.push(day);
  }
}

/** A fixed order of item ids that does not follow their names (so a day is not all one category). */
function spreadOrder(ids: readonly string[]): string[] {
  const key = (id: string) => createHash("sha1").update(id).digest("hex");
  return [...ids].sort((a, b) => key(a).localeCompare(key(b)) || a.localeCompare(b));
}

/** The items of each class counted on `day` (empty on a day that is not a business day). */
export function scheduledItems(
  day: string,
  classes: ReadonlyMap<string, CountClass>,
  cfg: Pick<CountsConfig, "cadence" | "businessDays">,
): string[] {
  if (!cfg.businessDays.includes(weekdayOf(day))) return [];
  const out: string[] = [];
  for (const cls of ["A", "B", "C"] as const) {
    const ids = spreadOrder([...classes].filter(([, c]) => c === cls).map(([id]) => id));
    if (ids.length === 0) continue;
    const { start, end } = periodOf(day, cfg.cadence[cls.toLowerCase() as "a" | "b" | "c"]);
    const days = businessDaysIn(start, end, cfg.businessDays);
    const index = days.indexOf(day);
    ids.forEach((id, k) => {
      if (Math.floor((k * days.length) / ids.length) === index) out.push(id);
    });
  }
  return out;
}
