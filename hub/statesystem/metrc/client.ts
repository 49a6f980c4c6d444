/**
 * METRC v2 implementation of `StateSystem`.
 *
 * Reads: v2 envelopes paged 20 at a time (METRC's ceiling), lastModified windows walked 24 h at
 * a time oldest first. Writes: PascalCase JSON arrays of one record each, so a row error always
 * names the one package of the queued write.
 */
import type { Logger } from "pino";
import type { Clock } from "#hub/clock.js";
import { hasCode } from "#hub/errors.js";
import { StateSystemError } from "../errors.js";
import type {
  AdjustmentReason,
  CheckContext,
  CheckResult,
  CoaDocument,
  IncomingTransfer,
  LabResult,
  ReadWindow,
  StateItem,
  StateLocation,
  StatePackage,
  StatePackageStatus,
  StateReceipt,
  StateSystem,
  StateWrite,
  SyncBatch,
  TransferDelivery,
  TransferPackage,
  WriteOutcome,
} from "../port.js";
import type { RequestLogSink } from "../request-record.js";
import { MetrcHttp, type MetrcRequest } from "./http.js";
import { RateLimiter, type RateLimits, type SharedRateLimit } from "./rate-limiter.js";
import { dayWindows } from "./windows.js";
import * as wire from "./wire.js";
import { checkWrite, writeRequest } from "./writes.js";

/** METRC allows at most 20 records per page (the docs of every paginated v2 endpoint). */
export const METRC_PAGE_SIZE = 20;

/** Pages requested ahead of the one being stored; METRC allows 10 requests in flight. */
export const PAGES_AHEAD = 8;

/** How to reach METRC for one facility; `timeoutMs` per try, `limits` METRC's GET limits. */
export interface MetrcConfig {
  baseUrl: string;
  vendorKey: string;
  userKey: string;
  license: string;
  /** IANA time zone of the facility, for SalesDateTime. */
  timeZone: string;
  timeoutMs?: number;
  limits?: RateLimits;
}

/** Injected: clock, logger, request log, the jitter source and the hub's stop signal. */
export interface MetrcDeps {
  clock: Clock;
  log: Logger;
  requestLog?: RequestLogSink;
  random?: () => number;
  /** Aborted when the hub stops: ends retry and rate-limit waits at once (see http.ts). */
  signal?: AbortSignal;
  /** The facility's limit shared with other hub processes, by facility key (a chain on PostgreSQL). */
  sharedLimit?: ((key: string) => SharedRateLimit) | undefined;
}

const PACKAGE_PATHS: Record<StatePackageStatus, string> = {
  active: "/packages/v2/active",
  "on-hold": "/packages/v2/onhold",
  inactive: "/packages/v2/inactive",
};

/** `StateSystem` over METRC's v2 REST API for one license. */
export class MetrcStateSystem implements StateSystem {
  readonly kind = "metrc" as const;
  readonly license: string;
  readonly http: MetrcHttp;
  private readonly timeZone: string;

  constructor(cfg: MetrcConfig, deps: MetrcDeps) {
    for (const k of ["baseUrl", "vendorKey", "userKey", "license"] as const) {
      if (!cfg[k])
        throw new StateSystemError(
          `METRC ${k} is not set (METRC_BASE_URL, METRC_VENDOR_KEY, METRC_USER_KEY, METRC_LICENSE)`,
          "CONFIG_INVALID",
        );
    }
    this.license = cfg.license;
    this.timeZone = cfg.timeZone;
    const limiter = new RateLimiter({
      clock: deps.clock,
      ...(cfg.limits ? { limits: cfg.limits } : {}),
      shared: deps.sharedLimit?.(`metrc:${cfg.license}`),
    });
    this.http = new MetrcHttp({
      baseUrl: cfg.baseUrl,
      vendorKey: cfg.vendorKey,
      userKey: cfg.userKey,
      clock: deps.clock,
      limiter,
      log: deps.log.child({ mod: "metrc" }),
      ...(deps.requestLog ? { requestLog: deps.requestLog } : {}),
      ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  }

  packages(status: StatePackageStatus, window: ReadWindow): AsyncIterable<SyncBatch<StatePackage>> {
    return this.walk<wire.WirePackage, StatePackage>(
      PACKAGE_PATHS[status],
      window,
      (w) => wire.toPackage(w, status),
      (w) => [w.Label],
    );
  }

  async packageByLabel(label: string): Promise<StatePackage | null> {
    const w = await this.getOne<wire.WirePackage>(`/packages/v2/${encodeURIComponent(label)}`, [label]);
    return w ? wire.toPackage(w) : null;
  }

  items(window: ReadWindow): AsyncIterable<SyncBatch<StateItem>> {
    return this.walk("/items/v2/active", window, wire.toItem);
  }

  locations(): AsyncIterable<SyncBatch<StateLocation>> {
    return this.walk("/locations/v2/active", null, wire.toLocation);
  }

  incomingTransfers(window: ReadWindow): AsyncIterable<SyncBatch<IncomingTransfer>> {
    return this.walk("/transfers/v2/incoming", window, wire.toTransfer);
  }

  async deliveries(transferId: string): Promise<TransferDelivery[]> {
    // This route takes no licenseNumber (METRC docs, GET /transfers/v2/{id}/deliveries).
    const rows = await this.all<wire.WireDelivery>(`/transfers/v2/${encodeURIComponent(transferId)}/deliveries`, false);
    return rows.map((r) => wire.toDelivery(r, transferId));
  }

  async deliveryPackages(deliveryId: string): Promise<TransferPackage[]> {
    const rows = await this.all<wire.WireDeliveryPackage>(
      `/transfers/v2/deliveries/${encodeURIComponent(deliveryId)}/packages`,
      false,
      {},
      [],
      (w) => [w.PackageLabel],
    );
    return rows.map((r) => wire.toTransferPackage(r, deliveryId));
  }

  async labResults(packageStateId: string, label: string): Promise<LabResult[]> {
    const rows = await this.all<wire.WireLabResult>("/labtests/v2/results", true, { packageId: packageStateId }, [
      label,
    ]);
    return rows.map(wire.toLabResult);
  }

  async coaDocument(documentFileId: string): Promise<CoaDocument> {
    const res = await this.http.send({
      method: "GET",
      path: `/labtests/v2/labtestdocument/${encodeURIComponent(documentFileId)}`,
      query: { licenseNumber: this.license },
      binary: true,
    });
    return { contentType: res.contentType || "application/pdf", body: res.bytes ?? new Uint8Array() };
  }

  async adjustmentReasons(): Promise<AdjustmentReason[]> {
    return (await this.all<wire.WireReason>("/packages/v2/adjust/reasons", true)).map(wire.toReason);
  }

  receipts(state: "active" | "inactive", window: ReadWindow): AsyncIterable<SyncBatch<StateReceipt>> {
    return this.walk<wire.WireReceipt, StateReceipt>(`/sales/v2/receipts/${state}`, window, wire.toReceipt, (w) =>
      (w.Transactions ?? []).map((t) => t.PackageLabel),
    );
  }

  async submit(write: StateWrite, opts: { submissionId?: string } = {}): Promise<WriteOutcome> {
    if (write.kind === "receipt-void") return this.voidReceipt(write.externalNumber, opts.submissionId);
    const req = writeRequest(write, this.timeZone);
    const res = await this.http.send({
      ...req,
      query: { licenseNumber: this.license },
      ...(opts.submissionId ? { submissionId: opts.submissionId } : {}),
    });
    const body = MetrcHttp.json<{ Ids?: number[] }>(res);
    return { stateIds: (body?.Ids ?? []).map(String) };
  }

  /** METRC calls voiding a receipt "archiving" it: DELETE /sales/v2/receipts/{id}. */
  private async voidReceipt(externalNumber: string, submissionId?: string): Promise<WriteOutcome> {
    const r = await this.getOne<wire.WireReceipt>(
      `/sales/v2/receipts/external/${encodeURIComponent(externalNumber)}`,
      [],
    );
    if (!r)
      throw new StateSystemError(`METRC holds no receipt ${externalNumber} to void`, "UPSTREAM_REJECTED", {
        context: { status: 404 },
      });
    await this.http.send({
      method: "DELETE",
      path: `/sales/v2/receipts/${r.Id}`,
      query: { licenseNumber: this.license },
      labels: r.Transactions.map((t) => t.PackageLabel),
      ...(submissionId ? { submissionId } : {}),
    });
    return { stateIds: [String(r.Id)] };
  }

  check(write: StateWrite, ctx: CheckContext): Promise<CheckResult> {
    return checkWrite(write, ctx, {
      packageByLabel: (l) => this.packageByLabel(l),
      adjustments: () => this.all<wire.WireAdjustment>("/packages/v2/adjustments", true),
      receiptByExternal: (n) =>
        this.getOne<wire.WireReceipt>(`/sales/v2/receipts/external/${encodeURIComponent(n)}`, []),
    });
  }

  /** GET of one record; null on 404. */
  private async getOne<T>(path: string, labels: string[]): Promise<T | null> {
    try {
      const res = await this.http.send({ method: "GET", path, query: { licenseNumber: this.license }, labels });
      return MetrcHttp.json<T>(res);
    } catch (e) {
      if (hasCode(e, "UPSTREAM_REJECTED") && e.context.status === 404) return null;
      throw e;
    }
  }

  /** Every page of a list that needs no window. Accepts bare arrays (lookup lists) too. */
  private async all<T>(
    path: string,
    withLicense: boolean,
    extra: Record<string, string> = {},
    labels: string[] = [],
    labelsOf?: (w: T) => string[],
  ): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(
      path,
      { ...extra, ...(withLicense ? { licenseNumber: this.license } : {}) },
      labels,
      labelsOf,
    ))
      out.push(...page);
    return out;
  }

  /**
   * Every page of a list. The first answer gives TotalPages; the rest are fetched up to
   * `PAGES_AHEAD` at a time (the rate limiter keeps them within METRC's limits) and yielded in
   * order, up to the first empty one.
   */
  private async *pages<T>(
    path: string,
    query: Record<string, string>,
    labels: string[] = [],
    labelsOf?: (w: T) => string[],
  ): AsyncGenerator<T[]> {
    const fetchPage = async (page: number): Promise<wire.Envelope<T> | T[]> => {
      const req: MetrcRequest = {
        method: "GET",
        path,
        query: { ...query, pageNumber: page, pageSize: METRC_PAGE_SIZE },
        labels,
      };
      if (labelsOf) req.responseLabels = (body) => envelopeData<T>(body).flatMap(labelsOf);
      const body = MetrcHttp.json<wire.Envelope<T> | T[]>(await this.http.send(req));
      if (body !== null && !Array.isArray(body) && !Array.isArray(body.Data))
        throw new StateSystemError(`METRC ${path} answered without Data`, "UPSTREAM_BAD_RESPONSE");
      return body ?? [];
    };
    const first = await fetchPage(1);
    if (Array.isArray(first)) {
      yield first;
      return;
    }
    yield first.Data;
    const total = first.TotalPages ?? 1;
    if (!Number.isSafeInteger(total) || total < 0)
      throw new StateSystemError(`METRC ${path} answered TotalPages ${JSON.stringify(total)}`, "UPSTREAM_BAD_RESPONSE");
    const ahead: Array<Promise<wire.Envelope<T> | T[]>> = [];
    let next = 2;
    const fill = () => {
      while (next <= total && ahead.length < PAGES_AHEAD) {
        const p = fetchPage(next++);
        p.catch(() => undefined);
        ahead.push(p);
      }
    };
    fill();
    while (ahead.length > 0) {
      const body = await ahead.shift()!;
      const records = Array.isArray(body) ? body : body.Data;
      // Pages are dense: an empty one is past the end, whatever TotalPages claimed (a
      // TotalPages of 1e308 walked empty pages for ever).
      if (records.length === 0) return;
      fill();
      yield records;
    }
  }

  /**
   * Walks a lastModified-filtered list: with `window.since` set, 24 h windows oldest first;
   * without it, the whole list once. The last page of each window carries the checkpoint.
   */
  private async *walk<W, T>(
    path: string,
    window: ReadWindow | null,
    map: (w: W) => T,
    labelsOf?: (w: W) => string[],
  ): AsyncGenerator<SyncBatch<T>> {
    const base = { licenseNumber: this.license };
    if (!window || !window.since) {
      yield* this.windowPages(path, base, map, window?.until ?? null, labelsOf);
      return;
    }
    for (const w of dayWindows(window.since, window.until)) {
      const q = { ...base, lastModifiedStart: w.start.toISOString(), lastModifiedEnd: w.end.toISOString() };
      yield* this.windowPages(path, q, map, w.end, labelsOf);
    }
  }

  private async *windowPages<W, T>(
    path: string,
    query: Record<string, string>,
    map: (w: W) => T,
    end: Date | null,
    labelsOf?: (w: W) => string[],
  ): AsyncGenerator<SyncBatch<T>> {
    let pending: W[] | null = null;
    for await (const page of this.pages<W>(path, query, [], labelsOf)) {
      if (pending) yield { records: pending.map(map), checkpoint: null };
      pending = page;
    }
    yield { records: (pending ?? []).map(map), checkpoint: end };
  }
}

function envelopeData<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const data = (body as { Data?: unknown } | null)?.Data;
  return Array.isArray(data) ? (data as T[]) : [];
}
