/**
 * METRC limits lastModified filters to 24-hour periods, and asks integrators to request
 * multi-day ranges oldest first because LastModified only moves forward ("Requesting
 * Multiple Days' Data" in METRC's API docs; metrc-api.md §1).
 */
export const METRC_MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A lastModified window: start included, end excluded. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Splits [since, until) into windows of at most 24 h, oldest first. Empty when since ≥ until. */
export function dayWindows(since: Date, until: Date, maxMs = METRC_MAX_WINDOW_MS): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (let s = since.getTime(); s < until.getTime(); s += maxMs) {
    out.push({ start: new Date(s), end: new Date(Math.min(s + maxMs, until.getTime())) });
  }
  return out;
}
