import type { HubErrorCode, RowProblem } from "#hub/errors.js";
import { StateSystemError } from "../errors.js";

/**
 * Turns a METRC error answer into a `StateSystemError`.
 *
 * METRC answers a POST/PUT validation failure with a JSON array of `{row, message}` where
 * `row` is the 0-based index in the submitted array; other failures carry `{"Message": "…"}`;
 * a 401 for a key of the wrong API version can be plain text (see metrc-api.md §1).
 */
export function parseErrorBody(a: {
  method: string;
  path: string;
  status: number;
  text: string;
  rowLabels: string[];
  retryAfterMs?: number;
}): StateSystemError {
  const code = codeFor(a.status);
  const body = tryJson(a.text);
  const context = {
    status: a.status,
    method: a.method,
    path: a.path,
    outcomeUnknown: a.status >= 500 && a.method !== "GET",
    ...(a.retryAfterMs === undefined ? {} : { retryAfterMs: a.retryAfterMs }),
  };
  if (Array.isArray(body) && body.length > 0 && body.every(isRowBody)) {
    const rows: RowProblem[] = body.map((r) => {
      const label = a.rowLabels[r.row];
      return label === undefined ? { row: r.row, message: r.message } : { row: r.row, message: r.message, label };
    });
    return new StateSystemError(describeRows(rows), code, { context: { ...context, rows } });
  }
  const message =
    body && typeof body === "object" && "Message" in body
      ? words((body as { Message: unknown }).Message)
      : a.text.trim();
  return new StateSystemError(`METRC ${a.status}: ${message || statusWords(a.status)}`, code, { context });
}

/**
 * METRC's `Message` as text. It is a string from METRC itself; anything else (a proxy's JSON)
 * is shown as JSON: String() throws on an object whose toString is not a function.
 */
function words(message: unknown): string {
  return typeof message === "string" ? message : (JSON.stringify(message) ?? "");
}

function describeRows(rows: RowProblem[]): string {
  return rows.map((r) => `row ${r.row}${r.label ? ` (package ${r.label})` : ""}: ${r.message}`).join("; ");
}

function isRowBody(v: unknown): v is { row: number; message: string } {
  return (
    !!v &&
    typeof v === "object" &&
    typeof (v as { row?: unknown }).row === "number" &&
    typeof (v as { message?: unknown }).message === "string"
  );
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function codeFor(status: number): HubErrorCode {
  if (status === 401 || status === 403) return "UPSTREAM_AUTH";
  if (status === 429) return "UPSTREAM_RATE_LIMITED";
  if (status >= 500) return "UPSTREAM_UNAVAILABLE";
  return "UPSTREAM_REJECTED";
}

function statusWords(status: number): string {
  const words: Record<number, string> = {
    400: "bad request",
    401: "not authorized",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "too many objects in one request",
    429: "too many requests",
    500: "server error",
    503: "service unavailable",
  };
  return words[status] ?? "error";
}
