/**
 * METRC wants SalesDateTime as the facility's local wall-clock time with no offset
 * ("must already be in the same time zone as the Facility recording the sales", METRC
 * POST /sales/v2/receipts docs), e.g. `2016-10-04T16:44:53.000`.
 */
export function facilityLocalDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  const ms = String(instant.getUTCMilliseconds()).padStart(3, "0");
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}.${ms}`;
}

/** The facility's local calendar date (YYYY-MM-DD) of an instant. */
export function facilityLocalDate(instant: Date, timeZone: string): string {
  return facilityLocalDateTime(instant, timeZone).slice(0, 10);
}
