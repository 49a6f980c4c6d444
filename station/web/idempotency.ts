import type { Context, MiddlewareHandler } from "hono";
import { systemClock, type Clock } from "#station/clock.js";

/**
 * Idempotency keys for requests that record something (`POST /sim/scan`, and any kiosk entry that
 * records a scan): a request repeated with the same key gets the first answer again, marked
 * `Idempotent-Replayed: true`, and records nothing new.
 *
 * Why: a scan is fsynced before its HTTP answer is sent, so an answer lost on the way (a reloaded
 * kiosk tab, a dropped connection, a client time-out) leaves a recorded scan the caller does not
 * know about, and a caller that simply retries records it twice. With a key, retrying is safe.
 * The key travels as the `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header) or
 * as a `key` field of a JSON or form body, for htmx forms that cannot set headers per request.
 *
 * Keys are kept in memory for `ttlMs` (10 minutes by default, for retries, not for history):
 * a station restart forgets them. Only successful (2xx) answers are kept: after a refusal (full
 * disk, bad input) nothing was recorded, so the same key may try again. A retry that arrives
 * while the first request is still running waits for its answer.
 */
export interface IdempotencyOptions {
  clock?: Clock;
  /** How long a key is remembered, ms. */
  ttlMs?: number;
  /** Most keys remembered; the oldest go first. */
  maxKeys?: number;
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

interface Remembered {
  /** Method, path and body (without the key): a key reused for another request is refused. */
  request: string;
  at: number;
  answer: Promise<Answer>;
}

/** Visible ASCII, as the draft's sf-string allows, up to 255 characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_MAX_KEYS = 5_000;

/** The middleware; one instance per route keeps that route's keys. */
export function idempotency(opts: IdempotencyOptions = {}): MiddlewareHandler {
  const clock = opts.clock ?? systemClock;
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const maxKeys = opts.maxKeys ?? DEFAULT_MAX_KEYS;
  const keys = new Map<string, Remembered>();

  const forget = (now: number) => {
    for (const [key, r] of keys) {
      if (now - r.at < ttlMs && keys.size <= maxKeys) break;
      keys.delete(key);
    }
  };

  return async (c, next) => {
    const found = await readKey(c);
    if ("reason" in found) return c.json({ error: found.reason, code: "IDEMPOTENCY_KEY_INVALID" }, 400);
    if (found.key === undefined) return next();
    const now = clock.now();
    forget(now);
    const request = `${c.req.method} ${c.req.path} ${found.rest}`;
    const seen = keys.get(found.key);
    if (seen) {
      if (seen.request !== request)
        return c.json(
          { error: "this Idempotency-Key was already used for a different request", code: "IDEMPOTENCY_KEY_REUSED" },
          422,
        );
      return replay(await seen.answer);
    }
    let settle!: (a: Answer) => void;
    keys.set(found.key, { request, at: now, answer: new Promise<Answer>((resolve) => (settle = resolve)) });
    try {
      await next();
    } finally {
      const answer = await snapshot(c.res);
      if (answer.status < 200 || answer.status > 299) keys.delete(found.key);
      settle(answer);
    }
  };
}

/** The key from the header or the body, and the body without it (compared on a repeat). */
async function readKey(c: Context): Promise<{ key: string | undefined; rest: string } | { reason: string }> {
  const body = await readBody(c);
  const header = c.req.header("idempotency-key");
  const field = body?.key;
  if (field !== undefined && typeof field !== "string") return { reason: "key: must be a string" };
  if (header !== undefined && field !== undefined && header !== field)
    return { reason: "Idempotency-Key header and key field differ" };
  const key = header ?? field;
  if (key !== undefined && !KEY.test(key)) return { reason: "Idempotency-Key: 1 to 255 visible ASCII characters" };
  const rest = body
    ? Object.keys(body)
        .filter((k) => k !== "key")
        .sort()
        .map((k) => [k, body[k]])
    : [];
  return { key, rest: JSON.stringify(rest) };
}

/** A JSON or form body as an object; undefined when there is none or it does not parse (the route's validator says why). */
async function readBody(c: Context): Promise<Record<string, unknown> | undefined> {
  const type = c.req.header("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const json: unknown = await c.req.json();
      return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    }
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data"))
      return await c.req.parseBody();
  } catch {
    return undefined;
  }
  return undefined;
}

async function snapshot(res: Response): Promise<Answer> {
  return { status: res.status, headers: [...res.headers.entries()], body: await res.clone().arrayBuffer() };
}

function replay(a: Answer): Response {
  const headers = new Headers(a.headers);
  headers.set("idempotent-replayed", "true");
  return new Response(a.body.slice(0), { status: a.status, headers });
}
