/**
 * The METRC simulator's facility state: items, locations, packages, adjustments, receipts,
 * incoming transfers and lab results, changed only through the validated writes in writes.ts
 * and the control routes. Every change moves the record's LastModified forward.
 */
import type { Clock } from "#hub/clock.js";
import { localDate, localDateTime } from "#contract/facility-time.js";
import {
  DEFAULT_REASONS,
  type SimAdjustment,
  type SimItem,
  type SimLabResult,
  type SimPackage,
  type SimReason,
  type SimReceipt,
  type SimSeed,
  type SimTransfer,
} from "./model.js";

/** What the receiver decides in METRC's web UI, package by package. */
export interface ReceiveDecisions {
  accept?: string[];
  reject?: string[];
  /** Received quantity where it differs from the shipped one, by label. */
  quantities?: Record<string, number>;
  /** Where accepted packages go; the facility's first location when absent. */
  location?: string;
}

/** One simulated facility. */
export class SimState {
  readonly license: string;
  readonly facilityName: string;
  readonly timeZone: string;
  readonly items = new Map<number, SimItem>();
  readonly locations = new Map<string, { id: number; name: string; lastModified: number }>();
  readonly packages = new Map<string, SimPackage>();
  readonly packagesById = new Map<number, SimPackage>();
  readonly adjustments: SimAdjustment[] = [];
  readonly receipts = new Map<number, SimReceipt>();
  readonly transfers = new Map<number, SimTransfer>();
  readonly labResults: SimLabResult[] = [];
  readonly documents = new Map<number, Uint8Array>();
  readonly reasons: SimReason[];
  private nextId = 1;

  constructor(
    seed: SimSeed,
    readonly clock: Clock,
  ) {
    this.license = seed.license;
    this.facilityName = seed.facilityName;
    this.timeZone = seed.timeZone;
    this.reasons = seed.reasons ?? DEFAULT_REASONS;
    const now = clock.now();
    for (const i of seed.items) {
      const id = this.id();
      this.items.set(id, {
        id,
        name: i.name,
        category: i.category,
        quantityType: i.quantityType,
        unit: i.unit,
        strain: i.strain ?? null,
        lastModified: now,
      });
    }
    for (const name of seed.locations) this.addLocation(name, now);
    for (const p of seed.packages) this.addPackage(p, now);
    for (const t of seed.transfers ?? []) this.addTransfer(t);
    for (const r of seed.labResults ?? []) this.addLabResult(r);
    for (const r of seed.receipts ?? []) this.addReportedReceipt(r, now);
  }

  /**
   * A sale reported before the simulator started. Receipts of earlier days are final
   * (inactive in METRC's lists); today's are still active.
   */
  addReportedReceipt(r: NonNullable<SimSeed["receipts"]>[number], now = this.clock.now()): void {
    const id = this.id();
    const local = localDateTime(new Date(r.soldAt), this.timeZone);
    const today = localDate(now, this.timeZone);
    this.receipts.set(id, {
      id,
      externalNumber: r.externalNumber,
      salesDateTime: local,
      customerType: "Consumer",
      lines: r.lines,
      isFinal: local.slice(0, 10) < today,
      archivedAt: null,
      recordedAt: r.soldAt,
      lastModified: r.soldAt,
    });
  }

  id(): number {
    return this.nextId++;
  }

  itemByName(name: string): SimItem | undefined {
    for (const i of this.items.values()) if (i.name.toLowerCase() === name.toLowerCase()) return i;
    return undefined;
  }

  addLocation(name: string, now = this.clock.now()): void {
    if (!this.locations.has(name.toLowerCase()))
      this.locations.set(name.toLowerCase(), { id: this.id(), name, lastModified: now });
  }

  addPackage(p: SimSeed["packages"][number], now = this.clock.now()): SimPackage {
    let item = this.itemByName(p.itemName);
    if (!item) {
      const id = this.id();
      item = {
        id,
        name: p.itemName,
        category: "Buds",
        quantityType: p.unit === "Each" ? "CountBased" : "WeightBased",
        unit: p.unit,
        strain: null,
        lastModified: now,
      };
      this.items.set(id, item);
    }
    this.addLocation(p.location, now);
    const pkg: SimPackage = {
      id: this.id(),
      label: p.label,
      itemId: item.id,
      quantity: p.quantity,
      unit: p.unit,
      location: p.location,
      note: p.note ?? null,
      packagedDate: p.packagedDate,
      labState: p.labState ?? "TestPassed",
      onHold: p.onHold ?? false,
      finishedDate: p.finishedDate ?? null,
      manifestNumber: null,
      receivedAt: null,
      lastModified: p.lastModified ?? now,
    };
    this.packages.set(pkg.label, pkg);
    this.packagesById.set(pkg.id, pkg);
    return pkg;
  }

  addTransfer(t: NonNullable<SimSeed["transfers"]>[number]): SimTransfer {
    const now = this.clock.now();
    const transfer: SimTransfer = {
      id: this.id(),
      deliveryId: this.id(),
      manifestNumber: t.manifestNumber,
      shipperLicense: t.shipperLicense,
      shipperName: t.shipperName,
      estimatedArrival: t.estimatedArrival,
      createdAt: now,
      receivedAt: null,
      voided: false,
      lastModified: now,
      packages: t.packages.map((p) => {
        const item = this.itemByName(p.itemName) ?? this.addPackageItem(p.itemName, p.unit, now);
        return {
          packageId: this.id(),
          label: p.label,
          itemId: item.id,
          shippedQuantity: p.quantity,
          unit: p.unit,
          state: "Shipped",
          receivedQuantity: null,
        };
      }),
    };
    this.transfers.set(transfer.id, transfer);
    return transfer;
  }

  private addPackageItem(name: string, unit: string, now: number): SimItem {
    const id = this.id();
    const item: SimItem = {
      id,
      name,
      category: "Buds",
      quantityType: unit === "Each" ? "CountBased" : "WeightBased",
      unit,
      strain: null,
      lastModified: now,
    };
    this.items.set(id, item);
    return item;
  }

  addLabResult(r: NonNullable<SimSeed["labResults"]>[number]): void {
    const pkg = this.packages.get(r.label);
    if (!pkg) return;
    let documentFileId: number | null = null;
    if (r.withDocument) {
      documentFileId = this.id();
      this.documents.set(
        documentFileId,
        new TextEncoder().encode(`%PDF-1.4\n% Certificate of analysis for ${r.label}\n%%EOF\n`),
      );
    }
    this.labResults.push({
      id: this.id(),
      packageId: pkg.id,
      label: r.label,
      testType: r.testType,
      passed: r.passed,
      level: r.level ?? null,
      performedDate: r.performedDate,
      documentFileId,
    });
  }

  /** Marks a package changed now. */
  touch(pkg: SimPackage): void {
    pkg.lastModified = this.clock.now();
  }

  receiptByExternal(n: string): SimReceipt | undefined {
    for (const r of this.receipts.values()) if (r.externalNumber === n) return r;
    return undefined;
  }

  transferByManifest(n: string): SimTransfer | undefined {
    for (const t of this.transfers.values()) if (t.manifestNumber === n) return t;
    return undefined;
  }

  /**
   * What METRC's web UI does when the receiver accepts or rejects packages of an incoming
   * transfer: the API cannot receive a licensed transfer (metrc-api.md §2, Incoming transfers).
   * Accepted packages join this facility's active inventory at `location`.
   */
  receiveTransfer(manifest: string, decisions: ReceiveDecisions): SimTransfer {
    const t = this.transferByManifest(manifest);
    if (!t) throw new Error(`no incoming transfer with manifest ${manifest}`);
    const now = this.clock.now();
    const location = decisions.location ?? [...this.locations.values()][0]?.name ?? "Vault";
    for (const dp of t.packages) {
      if (decisions.reject?.includes(dp.label) && dp.state === "Shipped") {
        dp.state = "Rejected";
      } else if (decisions.accept?.includes(dp.label) && dp.state === "Shipped") {
        dp.state = "Accepted";
        dp.receivedQuantity = decisions.quantities?.[dp.label] ?? dp.shippedQuantity;
        const item = this.items.get(dp.itemId)!;
        const pkg = this.addPackage(
          {
            label: dp.label,
            itemName: item.name,
            quantity: dp.receivedQuantity,
            unit: dp.unit,
            location,
            packagedDate: new Date(now).toISOString().slice(0, 10),
          },
          now,
        );
        pkg.manifestNumber = t.manifestNumber;
        pkg.receivedAt = now;
      }
    }
    if (t.packages.every((p) => p.state !== "Shipped")) t.receivedAt = now;
    t.lastModified = now;
    return t;
  }
}
