/**
 * Facility time, once for the hub and the station: times a person reads are the facility's wall
 * clock (the site's `timeZone`, FACILITY_TIME_ZONE), never the machine's zone or UTC, and a
 * business day is the facility's local calendar day, from local midnight to the next, so the day
 * daylight-saving time ends has 25 hours and the day it starts 23. Pure: no I/O.
 */

/** The zone times are shown in when none is configured (the hub's FACILITY_TIME_ZONE default). */
export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type WallParts = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting (a POS month is ~7,000 lines). */
function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(zone, f);
  }
  return f;
}

/** The wall-clock parts of an instant (ms) in `zone`, two digits each (four for the year). */
function wallParts(instantMs: number, zone: string): WallParts {
  const got = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  );
  return got as WallParts;
}

/** The wall-clock reading in `zone` of an instant, as if it were UTC (ms). */
function wallClockMs(instantMs: number, zone: string): number {
  const p = wallParts(instantMs, zone);
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second, ms);
}

/** The instant (ms) of an ISO instant text or ms; NaN when unreadable. */
const toMs = (instant: string | number | Date) => new Date(instant).getTime();

/** The facility's business day (YYYY-MM-DD) of an instant (ISO text, ms or Date). */
export function localDate(instant: string | number | Date, zone: string): string {
  return new Date(wallClockMs(toMs(instant), zone)).toISOString().slice(0, 10);
}

/**
 * The facility's wall-clock time of an instant without an offset, to the millisecond:
 * `2026-11-27T12:15:30.250` (as METRC wants SalesDateTime).
 */
export function localDateTime(instant: string | number | Date, zone: string): string {
  return new Date(wallClockMs(toMs(instant), zone)).toISOString().slice(0, 23);
}

/**
 * ISO instant (UTC, `Z`) of a wall-clock time without offset (`2026-11-01T01:30:00`) in `zone`;
 * undefined when unreadable. Two passes settle the zone's offset on a daylight-saving change day:
 * in the hour that repeats when it ends, the time reads as the first of the two (daylight time).
 */
export function localToInstant(local: string, zone: string): string | undefined {
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc)) return undefined;
  let guess = asUtc - (wallClockMs(asUtc, zone) - asUtc);
  guess = asUtc - (wallClockMs(guess, zone) - guess);
  return new Date(guess).toISOString();
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The calendar day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant (ms) of local day `day` in `zone`, to the minute. Searched for rather than read
 * from "00:00", because where daylight time starts at midnight (Santiago, Havana) that time does
 * not exist and the day starts at 01:00.
 */
export function dayStartMs(day: string, zone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset is at most ±14 h: look for the first minute whose local day is `day`.
  let lo = midnightUtc - 15 * HOUR_MS;
  let hi = midnightUtc + 15 * HOUR_MS;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (localDate(mid, zone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A business day's bounds as ISO instants: `from` inclusive, `to` exclusive (23, 24 or 25 hours apart). */
export function dayBounds(day: string, zone: string): { from: string; to: string } {
  return {
    from: new Date(dayStartMs(day, zone)).toISOString(),
    to: new Date(dayStartMs(addDays(day, 1), zone)).toISOString(),
  };
}

/** "2026-12-01 23:17" in `zone` for an instant (ISO text or ms); the input as given when it is not one. */
export function facilityDateTime(instant: string | number, zone: string): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return String(instant);
  const p = wallParts(ms, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "23:17:05" in `zone` (as a scan feed shows it); the input as given when it is not an instant. */
export function facilityClock(instant: string | number, zone: string): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return String(instant);
  const p = wallParts(ms, zone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "Pacific Time" for America/Los_Angeles: the page's one label for the times on it. */
export function zoneName(zone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")?.value;
  return name ?? zone;
}

/** "PST" or "PDT" (or "GMT+1" where the zone has no abbreviation in English) at that instant. */
export function zoneAbbreviation(instant: string | number, zone: string): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
      .formatToParts(new Date(instant))
      .find((p) => p.type === "timeZoneName")?.value ?? zone
  );
}

/** True for a zone the runtime knows (an IANA name such as America/Los_Angeles). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
