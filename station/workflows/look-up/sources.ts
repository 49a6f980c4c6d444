import { readFileSync, statSync } from "node:fs";
import type { Logger } from "pino";
import { z } from "zod";
import type { ReplicaData } from "#station/store/replica.js";

/**
 * Where look-up gets its answers: the hub's `GET /api/packages/:label` (the ledger's package and
 * its whole history) when a hub address is configured, and this vault's replica (`replica.json`,
 * the catalog the hub last pushed) always, for when the hub is away.
 *
 * Why HTTP and not an MQTT request: the station's MQTT link carries events out through the
 * outbox (resent until the hub acks) and commands in; it has no request/answer path, and adding
 * one would mean new contract topics and a hub handler for what the hub's JSON API already
 * answers. A look-up is a read that may fail: it needs a timeout and a fallback, not delivery.
 */

/** The hub's answer, as far as look-up reads it (hub/web/routes/api.ts). */
const HubPackageSchema = z.object({
  label: z.string(),
  known: z.boolean(),
  item: z.object({ name: z.string() }).nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  location: z.string().nullable(),
  status: z.string().nullable(),
  labState: z.string().nullable(),
  packagedDate: z.string().nullable(),
  expirationDate: z.string().nullable(),
  batch: z.string().nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      at: z.string(),
      stationId: z.string().nullish(),
      payload: z.unknown(),
    }),
  ),
});
export type HubPackage = z.infer<typeof HubPackageSchema>;

/** How the hub answered, or why it did not. */
export type HubOutcome =
  | { kind: "answered"; pkg: HubPackage }
  /** 404: the ledger never saw the tag. */
  | { kind: "unknown" }
  | { kind: "unreachable"; reason: string }
  /** 401/403: the hub answered but will not tell this station (no or a wrong token). */
  | { kind: "refused"; reason: string }
  | { kind: "not-asked"; reason: string };

/** The package as the replica knows it. */
export interface ReplicaFacts {
  itemName: string;
  quantity: number | null;
  unit: string | null;
  location: string | null;
  status: string | null;
  labState: string | null;
  packagedDate: string | null;
  expirationDate: string | null;
  batch: string | null;
}

export interface HubClientDeps {
  /** The hub's base URL, e.g. `http://hub.local:8080`. */
  url: string;
  /** Read-only bearer token the hub accepts on /api (its HUB_API_TOKEN or an API token). */
  token?: string | undefined;
  /** Longest wait for the hub's answer, ms. */
  timeoutMs: number;
  fetchFn?: typeof fetch;
}

/** Asks the hub for one package; never throws: a hub that is away is an outcome. */
export function hubPackages(deps: HubClientDeps): (label: string) => Promise<HubOutcome> {
  const fetchFn = deps.fetchFn ?? fetch;
  const base = deps.url.replace(/\/+$/, "");
  return async (label) => {
    try {
      const res = await fetchFn(`${base}/api/packages/${encodeURIComponent(label)}`, {
        headers: { accept: "application/json", ...(deps.token ? { authorization: `Bearer ${deps.token}` } : {}) },
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      if (res.status === 404) return { kind: "unknown" };
      if (res.status === 401 || res.status === 403)
        return { kind: "refused", reason: `the hub refused the station's token (HUB_API_TOKEN), HTTP ${res.status}` };
      if (!res.ok) return { kind: "unreachable", reason: `HTTP ${res.status}` };
      const parsed = HubPackageSchema.safeParse(await res.json());
      if (!parsed.success)
        return { kind: "unreachable", reason: `unexpected answer: ${parsed.error.issues[0]?.message ?? "invalid"}` };
      return { kind: "answered", pkg: parsed.data };
    } catch (e) {
      const err = e as Error;
      return {
        kind: "unreachable",
        reason:
          err.name === "TimeoutError"
            ? `no answer within ${deps.timeoutMs} ms`
            : ((err.cause as Error | undefined)?.message ?? err.message),
      };
    }
  };
}

/**
 * Reads packages from the replica file, parsing it again only when it changed (a hub command
 * arrived), so a look-up costs a map read, not a parse of the whole catalog.
 */
export function replicaPackages(deps: { file: string; log: Logger }): (label: string) => ReplicaFacts | undefined {
  let cached = { mtimeMs: -1, byLabel: new Map<string, ReplicaFacts>() };
  const snapshot = () => {
    let mtimeMs = 0;
    try {
      mtimeMs = statSync(deps.file).mtimeMs;
    } catch {
      mtimeMs = 0;
    }
    if (cached.mtimeMs === mtimeMs) return cached.byLabel;
    try {
      const data = mtimeMs === 0 ? {} : (JSON.parse(readFileSync(deps.file, "utf8")) as Partial<ReplicaData>);
      const names = new Map((data.items ?? []).map((i) => [i.id, i.name]));
      const byLabel = new Map(
        (data.packages ?? []).map((p): [string, ReplicaFacts] => [
          p.label,
          {
            itemName: names.get(p.itemId) ?? p.itemId,
            quantity: p.quantity,
            unit: p.unit,
            location: p.location,
            status: p.status,
            labState: p.labState,
            packagedDate: p.packagedDate,
            expirationDate: p.expirationDate ?? null,
            batch: p.batch ?? null,
          },
        ]),
      );
      cached = { mtimeMs, byLabel };
    } catch (err) {
      deps.log.warn({ err, file: deps.file, code: "STORE_CORRUPT" }, "replica unreadable for look-up");
      cached = { mtimeMs, byLabel: new Map() };
    }
    return cached.byLabel;
  };
  return (label) => snapshot().get(label);
}
