/**
 * METRC gives a transfer's EstimatedArrivalDateTime in the facility's local wall-clock time with
 * no offset; the contract carries instants. This turns one into the other for a time zone.
 */
import { localToInstant } from "#contract/facility-time.js";

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

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
  return localToInstant(value, timeZone) ?? null;
}
