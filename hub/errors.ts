/**
 * The hub's one error class. Codes are stable strings for logs and the JSON API; UPSTREAM_*
 * belong to calls to the state system (METRC, BioTrack) and, later, the POS:
 *
 * - `UPSTREAM_REJECTED`: the upstream read the request and refused it (400 with rows, 404, 413).
 *   Retrying the same request cannot help; a person must fix the data.
 * - `UPSTREAM_AUTH`: 401/403 — wrong keys, wrong license, or the user lacks a permission.
 * - `UPSTREAM_RATE_LIMITED`: 429, carries `retryAfterMs`.
 * - `UPSTREAM_UNAVAILABLE`: 5xx or the connection failed: a write may or may not have been applied.
 * - `UPSTREAM_TIMEOUT`: no answer in time: the outcome is unknown.
 * - `UPSTREAM_BAD_RESPONSE`: an answer we cannot read.
 * - `CONFIG_INVALID`: settings are missing or wrong (`issues` names each one).
 * - `LEDGER_REFUSED`: a change to package state the ledger will not record as asked (e.g. a
 *   quantity change without an adjustment reason), nothing written.
 */
export type HubErrorCode =
  | "CONFIG_INVALID"
  | "PORT_IN_USE"
  | "DB_UNAVAILABLE"
  | "MIGRATION_FAILED"
  | "MQTT_CONNECT"
  | "MQTT_PUBLISH"
  | "MESSAGE_INVALID"
  | "AUDIT_TAMPERED"
  | "LEDGER_REFUSED"
  | "UPSTREAM_REJECTED"
  | "UPSTREAM_AUTH"
  | "UPSTREAM_RATE_LIMITED"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_TIMEOUT"
  | "UPSTREAM_BAD_RESPONSE";

/** One row of a METRC 400 body: `row` is the 0-based index in the submitted array. */
export interface RowProblem {
  row: number;
  message: string;
  /** The package label sent in that row, when the request had one. */
  label?: string;
}

/** What an error is about, fit for a log line; upstream errors fill the HTTP fields. */
export interface HubErrorContext {
  [key: string]: unknown;
  /** Upstream HTTP status. */
  status?: number;
  method?: string;
  path?: string;
  /** Upstream row problems (METRC validation). */
  rows?: RowProblem[];
  /** How long the upstream asked us to wait, ms. */
  retryAfterMs?: number;
  /** Whether the upstream may have applied the write before failing. */
  outcomeUnknown?: boolean;
  /** CONFIG_INVALID: one line per bad setting (`NAME: what is wrong`). */
  issues?: string[];
}

/** The hub's one error class: a stable code, the cause, and context fit for a log line. */
export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly context: HubErrorContext;

  constructor(message: string, code: HubErrorCode, opts: { cause?: unknown; context?: HubErrorContext } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "HubError";
    this.code = code;
    this.context = opts.context ?? {};
  }

  /** Labels named by the upstream's row errors. */
  get labels(): string[] {
    return (this.context.rows ?? []).flatMap((r) => (r.label ? [r.label] : []));
  }
}

/** True when `e` is a HubError with one of `codes`. */
export function hasCode(e: unknown, ...codes: HubErrorCode[]): e is HubError {
  return e instanceof HubError && codes.includes(e.code);
}

/**
 * True for errors worth retrying later without anyone changing anything (network, broker,
 * database or upstream down, rate limited, timed out); false for bad input or configuration.
 */
export function isRecoverable(e: unknown): boolean {
  return hasCode(
    e,
    "MQTT_CONNECT",
    "MQTT_PUBLISH",
    "DB_UNAVAILABLE",
    "UPSTREAM_RATE_LIMITED",
    "UPSTREAM_UNAVAILABLE",
    "UPSTREAM_TIMEOUT",
  );
}

/** True when a write that failed this way may still have been applied by the upstream. */
export function isOutcomeUnknown(e: unknown): boolean {
  return e instanceof HubError && e.context.outcomeUnknown === true;
}
