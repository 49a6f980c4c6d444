/**
 * METRC gives a transfer's EstimatedArrivalDateTime in the facility's local wall-clock time with
 * no offset; the contract carries instants. This turns one into the other for a time zone.
 */

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

function wallClockMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? "0");
  return Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
    instantMs % 1000,
  );
}

/**
 * ISO instant (UTC, `Z`) of `value`: taken as is when it carries an offset, else read as wall-clock
 * time in `timeZone`. Null for null or unreadable input.
 */
export function toInstant(value: string | null, timeZone: string): string | null {
  if (!value) return null;
  if (HAS_OFFSET.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const asUtc = Date.parse(`${value}Z`);
  if (Number.isNaN(asUtc)) return null;
  // Two passes settle the zone's offset, including on a daylight-saving change day.
  let guess = asUtc - (wallClockMs(asUtc, timeZone) - asUtc);
  guess = asUtc - (wallClockMs(guess, timeZone) - guess);
  return new Date(guess).toISOString();
}
