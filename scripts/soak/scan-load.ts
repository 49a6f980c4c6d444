import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { join } from "node:path";
import type { LandedEvent, SentScan } from "./tally.js";

/**
 * Scans posted to the station's simulator route at a steady rate, each a fresh METRC tag, each
 * remembered with what the station answered. A refused connection means the scan was never
 * taken; a request cut off mid-way (the station was killed) is "unanswered": it may have been
 * recorded, so it is never counted as lost.
 */
export interface ScanLoad {
  readonly sent: SentScan[];
  stop(): Promise<void>;
}

/** Most scans waiting for an answer at once; past it a tick is skipped (the station is slow). */
const MAX_IN_FLIGHT = 8;

export function startScanLoad(opts: {
  url: string;
  perSecond: number;
  drill: () => string;
  timeoutMs?: number;
}): ScanLoad {
  const run = randomBytes(6).toString("hex").toUpperCase();
  const sent: SentScan[] = [];
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  const post = async (code: string, drill: string) => {
    const scan: SentScan = { code, drill, outcome: "unanswered" };
    sent.push(scan);
    try {
      const res = await fetch(`${opts.url}/sim/scan`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const body = (await res.json().catch(() => null)) as { event?: { id?: string } } | null;
      if (res.status === 201 && body?.event?.id) {
        scan.outcome = "acked";
        scan.eventId = body.event.id;
      } else {
        scan.outcome = "refused";
        scan.why = `HTTP ${res.status}${body && "code" in body ? ` ${String((body as { code: unknown }).code)}` : ""}`;
      }
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      scan.why = code;
      if (code === "ECONNREFUSED") scan.outcome = "refused";
    }
  };
  const timer = setInterval(() => {
    if (inFlight.size >= MAX_IN_FLIGHT) return;
    const code = `1A4${run}${String(seq++).padStart(9, "0")}`;
    const p = post(code, opts.drill()).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / opts.perSecond);
  return {
    sent,
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The soak station's scans as the hub's ledger holds them (read-only, beside the running hub). */
export function landedScans(ledgerDir: string, stationId: string): LandedEvent[] {
  const db = new Database(join(ledgerDir, "ledger.sqlite"), { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const rows = db
      .prepare("select id, json_extract(payload, '$.code') as code from events where station_id = ? and type = 'scan'")
      .all(stationId) as LandedEvent[];
    return rows;
  } finally {
    db.close();
  }
}

/** The station's outbox depth, or undefined while it does not answer. */
export async function outboxDepth(stationUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${stationUrl}/api/status`, { signal: AbortSignal.timeout(3_000) });
    return ((await res.json()) as { outboxDepth: number }).outboxDepth;
  } catch {
    return undefined;
  }
}
