/**
 * Times a person reads on the kiosk, in the facility's zone (FACILITY_TIME_ZONE), never the Pi's
 * own zone or UTC, and the zone's name for the one label each page carries.
 */

/** The zone the kiosk shows times in when none is configured (as the hub's default). */
export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

const formats = new Map<string, Intl.DateTimeFormat>();

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

/** The wall-clock parts of an instant in `zone`. */
function parts(
  instant: string | number,
  zone: string,
): Record<"year" | "month" | "day" | "hour" | "minute" | "second", string> | null {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  const got = Object.fromEntries(
    format(zone)
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return got as Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;
}

/** "2026-12-01 23:17" in `zone` for an ISO instant (or ms); the input as given when it is not one. */
export function facilityDateTime(instant: string | number, zone: string): string {
  const p = parts(instant, zone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(instant);
}

/** "23:17:05" in `zone`, for the scan feed. */
export function facilityClock(instant: string | number, zone: string): string {
  const p = parts(instant, zone);
  return p ? `${p.hour}:${p.minute}:${p.second}` : String(instant);
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
