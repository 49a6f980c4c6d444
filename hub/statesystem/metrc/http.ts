/**
 * METRC REST transport.
 *
 *   client.ts ──request()──▶ RateLimiter (GET only) ──fetch + AbortSignal.timeout──▶ METRC
 *        ▲                                                                   │
 *        └──── typed StateSystemError / parsed JSON ◀── error bodies ◀───────┘
 *                         every try ──▶ RequestLogSink
 *
 * Retries: GETs are retried on 5xx, timeouts, broken connections and 429 (honouring
 * Retry-After). Writes are retried only on 429, which METRC answers before doing anything;
 * after a 5xx or a timeout a write's outcome is unknown, so it is handed back to the
 * submission queue, which checks METRC's state before sending it again.
 *
 * Shutdown: `signal` ends every wait at once (a retry's backoff, the limiter's queue) and
 * abandons reads in flight; the request then fails with its last error. A write already sent is
 * left to finish or time out, since cutting it off would make its outcome unknown.
 */
import type { Logger } from "pino";
import type { Clock } from "#hub/clock.js";
import { HubError } from "#hub/errors.js";
import { StateSystemError } from "../errors.js";
import { clipBody, type RequestLogSink } from "../request-record.js";
import { parseErrorBody } from "./error-body.js";
import type { RateLimiter } from "./rate-limiter.js";

/** The connection, its limiter and the retry settings (ms). */
export interface MetrcHttpDeps {
  baseUrl: string;
  vendorKey: string;
  userKey: string;
  clock: Clock;
  limiter: RateLimiter;
  log: Logger;
  requestLog?: RequestLogSink;
  /** Per-try timeout, ms. */
  timeoutMs?: number;
  /** Tries per GET before giving up. */
  maxAttempts?: number;
  /** First backoff step, ms; doubles each try, capped at 30 s, full jitter. */
  backoffMs?: number;
  random?: () => number;
  /** Aborted when the hub stops: see "Shutdown" above. */
  signal?: AbortSignal;
}

/** One METRC call as the client describes it. */
export interface MetrcRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Labels per submitted row, to name the package in a row error. */
  rowLabels?: string[];
  /** Labels this request is about, for the request log. */
  labels?: string[];
  submissionId?: string;
  /** Picks the labels out of a successful JSON answer, for the request log. */
  responseLabels?: (body: unknown) => string[];
  /** Whether the body is binary (COA documents). */
  binary?: boolean;
}

/** A METRC answer: status, body text (or bytes for documents) and content type. */
export interface MetrcResponse {
  status: number;
  text: string;
  bytes?: Uint8Array;
  contentType: string;
  /** The raw Retry-After header, when present. */
  retryAfter?: string;
}

/** Tries per request while METRC keeps answering 429 (each after its Retry-After). */
export const MAX_RATE_LIMITED_TRIES = 60;

/** Sends METRC requests with auth, limits, retries and the request log. */
export class MetrcHttp {
  constructor(private readonly deps: MetrcHttpDeps) {}

  /**
   * Sends a request, retrying where it is safe. Throws `StateSystemError`. 429s are counted
   * apart from failures: each waits out its Retry-After, up to `MAX_RATE_LIMITED_TRIES`.
   */
  async send(req: MetrcRequest): Promise<MetrcResponse> {
    const maxFailures = req.method === "GET" ? (this.deps.maxAttempts ?? 6) : 1;
    let failures = 0;
    let limited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryOnce(req, attempt);
      } catch (e) {
        if (!(e instanceof HubError) || !this.retryable(req, e)) throw e;
        if (e.code === "UPSTREAM_RATE_LIMITED" ? ++limited >= MAX_RATE_LIMITED_TRIES : ++failures >= maxFailures)
          throw e;
        if (this.deps.signal?.aborted) throw e;
        const wait = this.waitBefore(e, failures);
        this.deps.log.warn(
          { code: e.code, path: req.path, attempt, waitMs: wait },
          "state system request will be retried",
        );
        // Stopping ends the wait: the request fails with what METRC last answered.
        await this.deps.clock.sleep(wait, this.deps.signal).catch(() => Promise.reject(e));
      }
    }
  }

  /** Reads the JSON body of a successful response, or null when it is empty. */
  static json<T>(res: MetrcResponse): T | null {
    if (res.text.trim() === "") return null;
    try {
      return JSON.parse(res.text) as T;
    } catch (cause) {
      throw new StateSystemError("METRC answered with something that is not JSON", "UPSTREAM_BAD_RESPONSE", {
        cause,
        context: { status: res.status },
      });
    }
  }

  private retryable(req: MetrcRequest, e: HubError): boolean {
    if (e.code === "UPSTREAM_RATE_LIMITED") return true;
    if (req.method !== "GET") return false;
    return e.code === "UPSTREAM_UNAVAILABLE" || e.code === "UPSTREAM_TIMEOUT";
  }

  private waitBefore(e: HubError, failures: number): number {
    if (e.code === "UPSTREAM_RATE_LIMITED") return e.context.retryAfterMs ?? 1000;
    const cap = Math.min(30_000, (this.deps.backoffMs ?? 250) * 2 ** Math.max(0, failures - 1));
    return Math.round((this.deps.random ?? Math.random)() * cap);
  }

  private url(req: MetrcRequest): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) q.set(k, String(v));
    const qs = q.toString();
    return `${req.path}${qs ? `?${qs}` : ""}`;
  }

  private async tryOnce(req: MetrcRequest, attempt: number): Promise<MetrcResponse> {
    const { clock, limiter } = this.deps;
    const release =
      req.method === "GET"
        ? await limiter.acquire(this.deps.signal).catch(() => Promise.reject(this.stopped(req)))
        : () => {};
    const started = clock.now();
    const pathQuery = this.url(req);
    const requestBody = req.body === undefined ? null : JSON.stringify(req.body);
    let res: MetrcResponse | null = null;
    let failure: HubError | null = null;
    try {
      res = await this.fetchOnce(req, pathQuery, requestBody);
      if (res.status === 429) limiter.pause(retryAfterMs(res, clock.now()) ?? 1000);
      if (res.status >= 300) failure = this.toError(req, res);
    } catch (e) {
      failure = e instanceof HubError ? e : new StateSystemError(String(e), "UPSTREAM_UNAVAILABLE", { cause: e });
    } finally {
      release();
    }
    await this.record(req, attempt, started, pathQuery, requestBody, res, failure);
    if (failure) throw failure;
    return res!;
  }

  private async fetchOnce(req: MetrcRequest, pathQuery: string, body: string | null): Promise<MetrcResponse> {
    const { baseUrl, vendorKey, userKey } = this.deps;
    const timeoutMs = this.deps.timeoutMs ?? 30_000;
    const headers: Record<string, string> = {
      // METRC authenticates with HTTP Basic: vendor (integrator) key as user, user key as password.
      authorization: `Basic ${Buffer.from(`${vendorKey}:${userKey}`).toString("base64")}`,
      accept: "application/json",
    };
    if (body !== null) headers["content-type"] = "application/json";
    const write = req.method !== "GET";
    try {
      const r = await fetch(`${baseUrl.replace(/\/$/, "")}${pathQuery}`, {
        method: req.method,
        headers,
        body,
        signal:
          this.deps.signal && !write
            ? AbortSignal.any([AbortSignal.timeout(timeoutMs), this.deps.signal])
            : AbortSignal.timeout(timeoutMs),
      });
      const contentType = r.headers.get("content-type") ?? "";
      if (req.binary && r.ok) {
        const bytes = new Uint8Array(await r.arrayBuffer());
        return { status: r.status, text: "", bytes, contentType, ...retryHeader(r) };
      }
      return { status: r.status, text: await r.text(), contentType, ...retryHeader(r) };
    } catch (cause) {
      const name = (cause as Error)?.name;
      if (this.deps.signal?.aborted && !write) throw this.stopped(req, cause);
      if (name === "TimeoutError" || name === "AbortError") {
        throw new StateSystemError(`METRC did not answer within ${timeoutMs} ms`, "UPSTREAM_TIMEOUT", {
          cause,
          context: { method: req.method, path: req.path, outcomeUnknown: write },
        });
      }
      throw new StateSystemError(
        `METRC could not be reached: ${(cause as Error)?.message ?? cause}`,
        "UPSTREAM_UNAVAILABLE",
        { cause, context: { method: req.method, path: req.path, outcomeUnknown: write } },
      );
    }
  }

  /** A read abandoned because the hub is stopping; nothing was changed at METRC. */
  private stopped(req: MetrcRequest, cause?: unknown): StateSystemError {
    return new StateSystemError("request abandoned: the hub is stopping", "UPSTREAM_UNAVAILABLE", {
      cause,
      context: { method: req.method, path: req.path },
    });
  }

  private toError(req: MetrcRequest, res: MetrcResponse): StateSystemError {
    return parseErrorBody({
      method: req.method,
      path: req.path,
      status: res.status,
      text: res.text,
      rowLabels: req.rowLabels ?? [],
      retryAfterMs: retryAfterMs(res, this.deps.clock.now()),
    });
  }

  private labelsOf(req: MetrcRequest, res: MetrcResponse | null): string[] {
    const labels = new Set([...(req.labels ?? []), ...(req.rowLabels ?? [])]);
    if (req.responseLabels && res && res.status < 300 && res.text) {
      try {
        for (const l of req.responseLabels(JSON.parse(res.text))) labels.add(l);
      } catch {
        // An unreadable body is reported by the caller; the log keeps the labels it has.
      }
    }
    return [...labels];
  }

  private async record(
    req: MetrcRequest,
    attempt: number,
    started: number,
    path: string,
    requestBody: string | null,
    res: MetrcResponse | null,
    failure: HubError | null,
  ): Promise<void> {
    if (!this.deps.requestLog) return;
    try {
      await this.deps.requestLog({
        at: new Date(started).toISOString(),
        system: "metrc",
        method: req.method,
        path,
        requestBody,
        status: res?.status ?? null,
        responseBody: res ? clipBody(res.bytes ? `[${res.bytes.length} bytes ${res.contentType}]` : res.text) : null,
        error: failure ? `${failure.code}: ${failure.message}` : null,
        durationMs: this.deps.clock.now() - started,
        attempt,
        labels: this.labelsOf(req, res),
        submissionId: req.submissionId ?? null,
      });
    } catch (e) {
      this.deps.log.error({ err: e, path }, "could not keep a state system request in the request log");
    }
  }
}

function retryHeader(r: Response): { retryAfter?: string } {
  const v = r.headers.get("retry-after");
  return v === null ? {} : { retryAfter: v };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms. */
function retryAfterMs(res: MetrcResponse, now: number): number | undefined {
  const v = res.retryAfter;
  if (v === undefined) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
