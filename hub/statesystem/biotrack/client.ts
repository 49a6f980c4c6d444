/**
 * BioTrack (BioTrackTHC) implementation of `StateSystem`.
 *
 *   client ──POST JSON {action, API, sessionid, nonce, …}──▶ …/serverjson.asp
 *          ◀── HTTP 200 {success: 1, …} | {success: 0, error, errorcode}
 *
 * One URL for every call, a session from `login`, errors carried in the body rather than the
 * HTTP status (metrc-api.md §5). Each write carries the queue id as its nonce, and BioTrack's
 * `nonce_replay` tells whether a write whose answer was lost was applied. Inventory ids are
 * 16-digit barcodes; in the hub they stand where METRC's tags do (`label`).
 *
 * BioTrack has no incoming-transfer, lab-result, note or finish calls in this integration:
 * those reads answer empty and those writes are refused with a reason.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Clock } from "#hub/clock.js";
import { hasCode, type HubError } from "#hub/errors.js";
import { StateSystemError } from "../errors.js";
import { localDateTime } from "#contract/facility-time.js";
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
import { clipBody, type RequestLogSink } from "../request-record.js";

/** How to reach BioTrack: its serverjson.asp URL, the license (UBI) and the API user. */
export interface BioTrackConfig {
  url: string;
  license: string;
  username: string;
  password: string;
  timeZone: string;
  /** The POS terminal id sent with sales. */
  terminalId?: string;
  /** BioTrack's training mode: calls are validated but not kept. */
  training?: boolean;
  timeoutMs?: number;
}

/** Injected: the clock, the logger and where requests are kept. */
export interface BioTrackDeps {
  clock: Clock;
  log: Logger;
  requestLog?: RequestLogSink;
}

interface WireInventory {
  id: string;
  productname: string;
  inventorytype: string;
  remaining_quantity: number;
  uom: string;
  currentroom: string | null;
  deleted: number;
  sessiontime: number;
}

type Body = Record<string, unknown>;

/** BioTrack's code for "Your session has expired." */
const SESSION_EXPIRED = "63";

/** The reasons BioTrack's inventory_adjust accepts, as the hub offers them. */
const REASONS: AdjustmentReason[] = [
  { name: "General Inventory Audit", requiresNote: true, requiresWasteWeight: false },
  { name: "Theft", requiresNote: true, requiresWasteWeight: false },
  { name: "Seizure", requiresNote: true, requiresWasteWeight: false },
  { name: "Membership Return", requiresNote: true, requiresWasteWeight: false },
  { name: "Damaged", requiresNote: true, requiresWasteWeight: false },
];

/** `StateSystem` over BioTrack's action API; one login session per instance. */
export class BioTrackStateSystem implements StateSystem {
  readonly kind = "biotrack" as const;
  readonly license: string;
  private session: string | null = null;

  constructor(
    private readonly cfg: BioTrackConfig,
    private readonly deps: BioTrackDeps,
  ) {
    if (!cfg.url || !cfg.license || !cfg.username)
      throw new StateSystemError("BioTrack url, license and username are required", "CONFIG_INVALID");
    this.license = cfg.license;
  }

  async *packages(status: StatePackageStatus, window: ReadWindow): AsyncIterable<SyncBatch<StatePackage>> {
    const inv = await this.inventory(window);
    const pick = inv.filter((i) =>
      status === "inactive"
        ? i.deleted === 1 || i.remaining_quantity <= 0
        : status === "active" && i.deleted !== 1 && i.remaining_quantity > 0,
    );
    yield { records: pick.map((i) => this.toPackage(i)), checkpoint: window.until };
  }

  async packageByLabel(label: string): Promise<StatePackage | null> {
    const body = await this.call("sync_inventory", { barcodeid: label }, [label]);
    const i = (body.inventory as WireInventory[] | undefined)?.[0];
    return i ? this.toPackage(i) : null;
  }

  async *items(window: ReadWindow): AsyncIterable<SyncBatch<StateItem>> {
    const names = new Map<string, WireInventory>();
    for (const i of await this.inventory({ until: window.until })) names.set(i.productname, i);
    yield {
      records: [...names.values()].map((i) => ({
        stateId: i.productname,
        name: i.productname,
        category: i.inventorytype,
        unit: i.uom,
        quantityType: i.uom === "ea" ? "CountBased" : "WeightBased",
        strain: null,
      })),
      checkpoint: window.until,
    };
  }

  async *locations(): AsyncIterable<SyncBatch<StateLocation>> {
    const body = await this.call("sync_inventory_room", {});
    const rooms = (body.inventory_room as Array<{ roomid: string; name: string }> | undefined) ?? [];
    yield { records: rooms.map((r) => ({ stateId: r.roomid, name: r.name, type: "room" })), checkpoint: null };
  }

  async *incomingTransfers(window: ReadWindow): AsyncIterable<SyncBatch<IncomingTransfer>> {
    yield { records: [], checkpoint: window.until };
  }

  async deliveries(): Promise<TransferDelivery[]> {
    return [];
  }

  async deliveryPackages(): Promise<TransferPackage[]> {
    return [];
  }

  async labResults(): Promise<LabResult[]> {
    return [];
  }

  async coaDocument(): Promise<CoaDocument> {
    throw new StateSystemError("BioTrack serves no COA documents in this integration", "UPSTREAM_REJECTED");
  }

  async adjustmentReasons(): Promise<AdjustmentReason[]> {
    return REASONS;
  }

  async *receipts(_state: "active" | "inactive", window: ReadWindow): AsyncIterable<SyncBatch<StateReceipt>> {
    yield { records: [], checkpoint: window.until };
  }

  async submit(write: StateWrite, opts: { submissionId?: string } = {}): Promise<WriteOutcome> {
    const nonce = opts.submissionId ?? randomUUID();
    const { action, body, labels } = this.writeCall(write);
    if (action === null) return { stateIds: [] };
    const res = await this.call(action, { ...body, nonce }, labels, opts.submissionId);
    return { stateIds: res.transactionid === undefined ? [] : [String(res.transactionid)] };
  }

  /** BioTrack keeps each nonce: `nonce_replay` answers the original response, or an error if it never arrived. */
  async check(write: StateWrite, ctx: CheckContext): Promise<CheckResult> {
    if (!ctx.submissionId) return { verdict: "unknown", stateIds: [] };
    try {
      const original = await this.call("nonce_replay", { nonce: ctx.submissionId }, this.writeCall(write).labels);
      return {
        verdict: "applied",
        stateIds: original.transactionid === undefined ? [] : [String(original.transactionid)],
      };
    } catch (e) {
      if (hasCode(e, "UPSTREAM_REJECTED")) return { verdict: "absent", stateIds: [] };
      throw e;
    }
  }

  private writeCall(w: StateWrite): { action: string | null; body: Body; labels: string[] } {
    switch (w.kind) {
      case "adjustment":
        return {
          action: "inventory_adjust",
          labels: [w.label],
          body: {
            data: [
              {
                barcodeid: w.label,
                quantity: w.quantity,
                quantity_uom: bioUnit(w.unit),
                type: w.reason,
                reason: w.note ?? "",
              },
            ],
          },
        };
      case "location-move":
        return {
          action: "inventory_move",
          labels: [w.label],
          body: { data: [{ barcodeid: w.label, room: w.location }] },
        };
      case "receipt":
        return {
          action: "sale_dispense",
          labels: w.lines.map((l) => l.label),
          body: {
            terminal_id: this.cfg.terminalId ?? "1",
            sale_time: localDateTime(new Date(w.soldAt), this.cfg.timeZone),
            data: w.lines.map((l) => ({ barcodeid: l.label, quantity: l.quantity, price: l.totalAmount })),
          },
        };
      case "receipt-void":
        if (!w.stateId)
          throw new StateSystemError(
            `BioTrack needs the transaction id to void sale ${w.externalNumber}; the sale was never confirmed`,
            "UPSTREAM_REJECTED",
          );
        return { action: "sale_void", labels: [], body: { transactionid: w.stateId } };
      case "finish":
        // BioTrack retires a lot by itself when its remaining quantity reaches zero.
        return { action: null, labels: [w.label], body: {} };
      case "note":
      case "unfinish":
        throw new StateSystemError(`BioTrack has no ${w.kind} call; keep this in the hub only`, "UPSTREAM_REJECTED");
      case "package-create":
        // BioTrack makes new lots with inventory_split, whose lot ids BioTrack assigns itself: the
        // fresh METRC-style tags scanned at the vault cannot name them, so the hub does not send it.
        throw new StateSystemError(
          `BioTrack package creation is not supported: split ${w.label} in BioTrack (inventory_split), then sync`,
          "UPSTREAM_REJECTED",
        );
    }
  }

  private async inventory(window: ReadWindow): Promise<WireInventory[]> {
    const body = await this.call("sync_inventory", {});
    const all = (body.inventory as WireInventory[] | undefined) ?? [];
    // BioTrack's sync calls return the whole list; the window is applied here.
    const since = window.since?.getTime() ?? -Infinity;
    return all.filter((i) => i.sessiontime * 1000 >= since && i.sessiontime * 1000 < window.until.getTime());
  }

  private toPackage(i: WireInventory): StatePackage {
    const inactive = i.deleted === 1 || i.remaining_quantity <= 0;
    return {
      label: i.id,
      stateId: i.id,
      itemName: i.productname,
      itemCategory: i.inventorytype,
      quantity: i.remaining_quantity,
      unit: hubUnit(i.uom),
      location: i.currentroom,
      status: inactive ? "inactive" : "active",
      labState: null,
      note: null,
      packagedDate: null,
      finishedDate: null,
      receivedFromManifest: null,
      lastModified: new Date(i.sessiontime * 1000).toISOString(),
    };
  }

  private async login(): Promise<string> {
    const body = await this.post(
      { action: "login", license_number: this.cfg.license, username: this.cfg.username, password: this.cfg.password },
      [],
      undefined,
    );
    if (body.success !== 1 || typeof body.sessionid !== "string")
      throw new StateSystemError(`BioTrack login failed: ${String(body.error ?? "no session")}`, "UPSTREAM_AUTH");
    this.session = body.sessionid;
    return body.sessionid;
  }

  /** One action; logs in first when there is no session and once more when it expired. */
  private async call(action: string, body: Body, labels: string[] = [], submissionId?: string): Promise<Body> {
    for (let attempt = 0; ; attempt++) {
      const sessionid = this.session ?? (await this.login());
      const res = await this.post(
        { action, API: "4.0", sessionid, ...(this.cfg.training ? { training: 1 } : {}), ...body },
        labels,
        submissionId,
      );
      if (res.success === 1) return res;
      if (String(res.errorcode) === SESSION_EXPIRED && attempt === 0) {
        this.session = null;
        continue;
      }
      throw new StateSystemError(
        `BioTrack ${action}: ${String(res.error ?? "failed")} (error ${String(res.errorcode ?? "?")})`,
        "UPSTREAM_REJECTED",
        { context: { path: action } },
      );
    }
  }

  private async post(body: Body, labels: string[], submissionId: string | undefined): Promise<Body> {
    const started = this.deps.clock.now();
    const text = JSON.stringify(body);
    let status: number | null = null;
    let answer: string | null = null;
    let failure: HubError | null = null;
    try {
      const r = await fetch(this.cfg.url, {
        method: "POST",
        body: text,
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 30_000),
        // BioTrack expects this content type, spelled so (metrc-api.md §5).
        headers: { "content-type": "text/JSON" },
      });
      status = r.status;
      answer = await r.text();
      if (!r.ok)
        failure = new StateSystemError(`BioTrack answered HTTP ${r.status}`, "UPSTREAM_UNAVAILABLE", {
          context: { status: r.status, outcomeUnknown: body.action !== "login" },
        });
    } catch (cause) {
      const timeout = (cause as Error)?.name === "TimeoutError";
      failure = new StateSystemError(
        timeout ? "BioTrack did not answer in time" : `BioTrack could not be reached: ${(cause as Error)?.message}`,
        timeout ? "UPSTREAM_TIMEOUT" : "UPSTREAM_UNAVAILABLE",
        { cause, context: { outcomeUnknown: true } },
      );
    }
    await this.record(body, labels, submissionId, started, status, answer, failure);
    if (failure) throw failure;
    try {
      return JSON.parse(answer ?? "") as Body;
    } catch (cause) {
      throw new StateSystemError("BioTrack answered with something that is not JSON", "UPSTREAM_BAD_RESPONSE", {
        cause,
      });
    }
  }

  private async record(
    body: Body,
    labels: string[],
    submissionId: string | undefined,
    started: number,
    status: number | null,
    answer: string | null,
    failure: HubError | null,
  ): Promise<void> {
    if (!this.deps.requestLog) return;
    const redacted = {
      ...body,
      ...(body.password ? { password: "[redacted]" } : {}),
      ...(body.sessionid ? { sessionid: "[redacted]" } : {}),
    };
    const response = answer?.replace(/"sessionid"\s*:\s*"[^"]*"/, '"sessionid":"[redacted]"') ?? null;
    try {
      await this.deps.requestLog({
        at: new Date(started).toISOString(),
        system: "biotrack",
        method: "POST",
        path: String(body.action),
        requestBody: JSON.stringify(redacted),
        status,
        responseBody: clipBody(response),
        error: failure ? `${failure.code}: ${failure.message}` : null,
        durationMs: this.deps.clock.now() - started,
        attempt: 1,
        labels,
        submissionId: submissionId ?? null,
      });
    } catch (err) {
      this.deps.log.error({ err }, "could not keep a BioTrack request in the request log");
    }
  }
}

function bioUnit(u: string): string {
  return (
    (
      { Grams: "g", Each: "ea", Milligrams: "mg", Kilograms: "kg", Ounces: "oz", Pounds: "lb" } as Record<
        string,
        string
      >
    )[u] ?? u
  );
}

function hubUnit(u: string): string {
  return (
    (
      { g: "Grams", ea: "Each", mg: "Milligrams", kg: "Kilograms", oz: "Ounces", lb: "Pounds" } as Record<
        string,
        string
      >
    )[u] ?? u
  );
}
