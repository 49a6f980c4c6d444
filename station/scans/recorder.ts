import type { Logger } from "pino";
import { classifyBarcode, type BarcodeClass } from "#contract/barcode.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { Clock } from "#station/clock.js";
import { StationError } from "#station/errors.js";
import type { StationEvents, WorkflowName } from "#station/events.js";
import type { SignIn } from "#station/kiosk/sign-in.js";
import type { PackageView } from "#station/store/replica.js";
import type { Banner, LiveFeed } from "./live-feed.js";

/** A scan event as it sits in the outbox and goes to the hub. */
export type ScanEnvelope = StationEvent<"scan">;

/** What the scan recorder needs: ids, clock, outbox, sign-in, replica look-ups and the feed. */
export interface ScanRecorderDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  outbox: { append(env: ScanEnvelope): Promise<void> };
  signIn: Pick<SignIn, "employeeId" | "view" | "touch" | "badgeScanned" | "signOut">;
  replica: { lookup(label: string): PackageView | undefined };
  /** The open vault-door session, when a door is open: the scan is tied to it. */
  doorSessionId?: () => string | undefined;
  /** The workflow taking scans now (a manifest open…) and its session: the scan is tied to it. */
  workflow?: () => { workflow: WorkflowName; sessionId?: string | undefined; takesBadges?: boolean } | undefined;
  /** Where recorded scans go to the workflows, once durable. */
  events?: Pick<StationEvents, "emit">;
  feed: LiveFeed;
  log: Logger;
}

/** Longest code the contract carries; longer reads are cut and marked invalid. */
const MAX_CODE = 512;

/**
 * Records every scan as a physical fact: classified, fsynced in the outbox, then shown on the kiosk
 * and published. A scan made while nobody is signed in is still recorded, without an employee.
 */
export class ScanRecorder {
  private waiters: Array<{
    code: string;
    scannerId: string;
    resolve(env: ScanEnvelope): void;
    reject(e: Error): void;
  }> = [];

  /** Badge scans a workflow took (a witness), by event id: they do not open the sign-in PIN pad. */
  private readonly badgesTaken = new Set<string>();

  constructor(private readonly deps: ScanRecorderDeps) {}

  /**
   * Records one scan and resolves with its envelope once it is durable.
   * @throws StationError SCAN_REJECTED for an empty read, STORE_WRITE_FAILED when the disk fails.
   */
  async record(rawCode: string, scannerId: string): Promise<ScanEnvelope> {
    let env: ScanEnvelope;
    try {
      env = this.envelope(rawCode, scannerId);
      await this.deps.outbox.append(env);
    } catch (e) {
      const err =
        e instanceof StationError
          ? e
          : new StationError(`scan not recorded: ${(e as Error).message}`, "STORE_WRITE_FAILED", { cause: e });
      this.deps.log.error({ code: err.code, scannerId, err: err.message }, "scan not recorded");
      this.deps.feed.showBanner({ level: "error", text: `Scan NOT recorded: ${err.message}`, sound: true });
      this.settle(rawCode, scannerId, (w) => w.reject(err));
      throw err;
    }
    // The scan is durable from here on; a failure to update the screen must not say otherwise.
    await this.react(env).catch((e) =>
      this.deps.log.error({ err: e, id: env.id }, "scan recorded; kiosk update failed"),
    );
    this.settle(rawCode, scannerId, (w) => w.resolve(env));
    return env;
  }

  /**
   * Resolves with the envelope of the next scan of `code` from `scannerId` once it is durable;
   * lets a caller that triggers a scan indirectly (the simulator route) answer only then.
   */
  waitFor(code: string, scannerId: string, timeoutMs = 5000): Promise<ScanEnvelope> {
    return new Promise((resolve, reject) => {
      const waiter = {
        code,
        scannerId,
        resolve: (env: ScanEnvelope) => {
          clearTimeout(t);
          resolve(env);
        },
        reject: (e: Error) => {
          clearTimeout(t);
          reject(e);
        },
      };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new StationError(`scan of ${code} not recorded within ${timeoutMs} ms`, "SCAN_REJECTED"));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private settle(code: string, scannerId: string, fn: (w: ScanRecorder["waiters"][number]) => void): void {
    const i = this.waiters.findIndex((w) => w.code === code && w.scannerId === scannerId);
    if (i < 0) return;
    const [w] = this.waiters.splice(i, 1);
    if (w) fn(w);
  }

  private envelope(rawCode: string, scannerId: string): ScanEnvelope {
    const code = rawCode.replace(/[\r\n]+$/, "");
    if (code.length === 0) throw new StationError("empty scan", "SCAN_REJECTED");
    const classification: BarcodeClass =
      code.length > MAX_CODE
        ? { kind: "invalid", reason: `code longer than ${MAX_CODE} characters` }
        : classifyBarcode(code);
    const employeeId = this.deps.signIn.employeeId();
    const signingIn = classification.kind === "employee-badge" && !employeeId;
    const doorSessionId = this.deps.doorSessionId?.();
    const open = signingIn ? undefined : this.deps.workflow?.();
    const candidate = {
      id: newId(),
      type: "scan" as const,
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: new Date(this.deps.clock.now()).toISOString(),
      ...(employeeId ? { employeeId } : {}),
      payload: {
        code: code.slice(0, MAX_CODE),
        scannerId,
        classification,
        workflow: signingIn ? ("sign-in" as const) : (open?.workflow ?? ("idle" as const)),
        ...(open?.sessionId ? { sessionId: open.sessionId } : {}),
        ...(doorSessionId ? { doorSessionId } : {}),
      },
    };
    const checked = eventSchemas.scan.safeParse(candidate);
    // Decided when the scan is recorded: the workflow may stop asking for a badge as soon as it gets one.
    if (checked.success && open?.takesBadges && classification.kind === "employee-badge")
      this.badgesTaken.add(candidate.id);
    if (!checked.success) {
      const reason = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new StationError(`scan rejected: ${reason}`, "SCAN_REJECTED");
    }
    return checked.data;
  }

  /** After the scan is durable: show it, and act on badges and command barcodes. */
  private async react(env: ScanEnvelope): Promise<void> {
    const c = env.payload.classification;
    if (env.employeeId) this.deps.signIn.touch();
    const pkg = c.kind === "metrc-tag" ? this.deps.replica.lookup(c.tag) : undefined;
    this.deps.feed.pushScan({
      id: env.id,
      at: env.at,
      code: env.payload.code,
      scannerId: env.payload.scannerId,
      classification: c,
      employeeId: env.employeeId,
      pkg,
      recorded: true,
      workflow: env.payload.workflow,
    });
    void this.deps.events?.emit("scan", {
      id: env.id,
      at: env.at,
      code: env.payload.code,
      scannerId: env.payload.scannerId,
      classification: c,
      employeeId: env.employeeId,
      workflow: env.payload.workflow,
    });
    const banner = await this.bannerFor(c, env.payload.workflow, env.id);
    if (banner) this.deps.feed.showBanner(banner, undefined, c.kind === "invalid" ? "scan" : undefined);
    // A readable scan after a bad one: the "Bad scan" banner is about the earlier one, not this.
    else if (c.kind !== "invalid") this.deps.feed.clearBanner("scan");
  }

  private async bannerFor(
    c: BarcodeClass,
    workflow: ScanEnvelope["payload"]["workflow"],
    id: string,
  ): Promise<Banner | null> {
    if (c.kind === "invalid") return { level: "error", text: `Bad scan: ${c.reason}`, sound: true };
    // Sign-in notices (unknown badge, locked badge, signed out) reach the banner through the
    // sign-in events, so they are not repeated here.
    if (c.kind === "employee-badge") {
      // A workflow asking for a badge (a witness) takes it; it does not switch who is signed in.
      if (!this.badgesTaken.delete(id)) this.deps.signIn.badgeScanned(c.badge);
      return null;
    }
    if (c.kind === "command" && c.command === "SIGN-OUT") {
      await this.deps.signIn.signOut("sign-out barcode");
      return null;
    }
    // A workflow that took the scan shows its own verdict (packages arriving on a manifest are not
    // in the catalog yet); only a scan no workflow took gets the not-in-catalog notice.
    if (c.kind === "metrc-tag" && workflow === "idle" && !this.deps.replica.lookup(c.tag)) {
      return { level: "info", text: `Package ${c.tag} is not in this vault's catalog`, sound: false };
    }
    return null;
  }
}
