/**
 * Times a person reads on the dashboard, in the facility's zone (FACILITY_TIME_ZONE), and the one
 * label a page carries to say which zone that is. Instants (ISO with Z or an offset) are turned
 * into the zone's wall-clock time; the state system's own local times (METRC gives arrival times
 * as the facility's wall clock, no offset) are already in it and are shown as they are.
 */

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;
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
    });
    formats.set(zone, f);
  }
  return f;
}

/** "2026-12-01 23:17" in `zone`; "—" for nothing; anything that is not a time as given. */
export function facilityTime(value: string | null | undefined, zone: string): string {
  if (!value) return "—";
  const local = WALL_CLOCK.exec(value);
  if (local) return `${local[1]} ${local[2]}`;
  if (!HAS_OFFSET.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = Object.fromEntries(
    format(zone)
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "Pacific Time" for America/Los_Angeles. */
export function zoneName(zone: string): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longGeneric" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? zone
  );
}

/** The page's one label for its times: "Times are Pacific Time (America/Los_Angeles)." */
export function TimeZoneNote(props: { zone: string }) {
  return (
    <p class="muted tz-note" data-time-zone={props.zone}>
      Times are {zoneName(props.zone)} ({props.zone}).
    </p>
  );
}
