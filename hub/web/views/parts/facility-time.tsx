/**
 * Times a person reads on the dashboard, in the facility's zone (FACILITY_TIME_ZONE), and the one
 * label a page carries to say which zone that is. Instants (ISO with Z or an offset) are turned
 * into the zone's wall-clock time; the state system's own local times (METRC gives arrival times
 * as the facility's wall clock, no offset) are already in it and are shown as they are.
 */
import { facilityDateTime, zoneName } from "#contract/facility-time.js";

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** "2026-12-01 23:17" in `zone`; "—" for nothing; anything that is not a time as given. */
export function facilityTime(value: string | null | undefined, zone: string): string {
  if (!value) return "—";
  const local = WALL_CLOCK.exec(value);
  if (local) return `${local[1]} ${local[2]}`;
  if (!HAS_OFFSET.test(value)) return value;
  return facilityDateTime(value, zone);
}

/** The page's one label for its times: "Times are Pacific Time (America/Los_Angeles)." */
export function TimeZoneNote(props: { zone: string }) {
  return (
    <p class="muted tz-note" data-time-zone={props.zone}>
      Times are {zoneName(props.zone)} ({props.zone}).
    </p>
  );
}
