/**
 * Errors from the state system (METRC, BioTrack) in the hub's terms.
 *
 * Codes:
 * - `UPSTREAM_REJECTED`: the state system read the request and refused it (400 with rows,
 *   404, 413). Retrying the same request cannot help; a person must fix the data.
 * - `UPSTREAM_AUTH`: 401/403 — wrong keys, wrong license, or the user lacks a permission.
 * - `UPSTREAM_RATE_LIMITED`: 429, carries `retryAfterMs`.
 * - `UPSTREAM_UNAVAILABLE`: 5xx or the connection failed: the request may or may not have
 *   been applied.
 * - `UPSTREAM_TIMEOUT`: no answer in time: the outcome is unknown.
 * - `UPSTREAM_BAD_RESPONSE`: an answer we cannot read.
 * - `CONFIG_INVALID`: the connection settings are incomplete.
 */
export type StateSystemErrorCode =
  | "UPSTREAM_REJECTED"
  | "UPSTREAM_AUTH"
  | "UPSTREAM_RATE_LIMITED"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_TIMEOUT"
  | "UPSTREAM_BAD_RESPONSE"
  | "CONFIG_INVALID";

/** One row of a METRC 400 body: `row` is the 0-based index in the submitted array. */
export interface RowProblem {
  row: number;
  message: string;
  /** The package label sent in that row, when the request had one. */
  label?: string;
}

/** What the error is about: HTTP status, request, row problems, and whether a write may have been applied. */
export interface StateSystemErrorContext {
  status?: number;
  method?: string;
  path?: string;
  rows?: RowProblem[];
  retryAfterMs?: number;
  /** Whether the state system may have applied the write before failing. */
  outcomeUnknown?: boolean;
}

/** The one error class for everything that talks to the state system. */
export class StateSystemError extends Error {
  readonly code: StateSystemErrorCode;
  readonly context: StateSystemErrorContext;

  constructor(message: string, code: StateSystemErrorCode, opts: { cause?: unknown; context?: StateSystemErrorContext } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "StateSystemError";
    this.code = code;
    this.context = opts.context ?? {};
  }

  /** Labels named by the state system's row errors. */
  get labels(): string[] {
    return (this.context.rows ?? []).flatMap((r) => (r.label ? [r.label] : []));
  }
}

/** True when a retry of the same request can succeed without anyone changing anything. */
export function isRecoverable(e: unknown): boolean {
  if (!(e instanceof StateSystemError)) return false;
  return e.code === "UPSTREAM_RATE_LIMITED" || e.code === "UPSTREAM_UNAVAILABLE" || e.code === "UPSTREAM_TIMEOUT";
}

/** True when a write that failed this way may still have been applied by the state system. */
export function isOutcomeUnknown(e: unknown): boolean {
  return e instanceof StateSystemError && e.context.outcomeUnknown === true;
}
