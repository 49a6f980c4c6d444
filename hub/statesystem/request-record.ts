/**
 * One request to the state system and what came back, as kept for auditors. Keys and
 * passwords never appear here: the Authorization header is not recorded and BioTrack
 * passwords and session ids are replaced before a record is built.
 */
export interface RequestRecord {
  /** ISO instant the request started. */
  at: string;
  system: "metrc" | "biotrack";
  method: string;
  /** Path with query string, e.g. `/packages/v2/adjust?licenseNumber=…`. */
  path: string;
  requestBody: string | null;
  /** HTTP status, or null when no answer arrived (timeout, connection refused). */
  status: number | null;
  responseBody: string | null;
  /** Why no usable answer arrived, when it did not. */
  error: string | null;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
  /** Package labels this request was about (sent or returned). */
  labels: string[];
  /** The submission-queue id when the request carried a queued write. */
  submissionId: string | null;
}

/** Where records go; the hub stores them (store/request-log.ts), tests may collect them. */
export type RequestLogSink = (r: RequestRecord) => void | Promise<void>;

/** Largest response body kept per record, characters; longer ones are cut and marked. */
export const MAX_LOGGED_BODY = 256 * 1024;

export function clipBody(body: string | null): string | null {
  if (body === null || body.length <= MAX_LOGGED_BODY) return body;
  return `${body.slice(0, MAX_LOGGED_BODY)}…[cut at ${MAX_LOGGED_BODY} of ${body.length} characters]`;
}
