/** Seeds for the METRC simulator: from the demo store, or synthetic ones of any size (benchmarks). */
import type { DemoStore } from "#hub/seed/demo-store.js";
import type { SimSeed } from "./model.js";
import type { SimState } from "./state.js";

/** The hub's item categories as METRC product categories. */
const CATEGORY: Record<string, string> = {
  flower: "Buds",
  "pre-roll": "Pre-Roll Flower",
  vape: "Vape Cartridge",
  edible: "Edible",
  concentrate: "Concentrate",
  tincture: "Tincture",
  topical: "Topical",
};

/**
 * The demo store as METRC would hold it: its items, locations and packages, two incoming
 * transfers waiting to be received, and passing lab results (with a COA) for the flower.
 */
export function simSeedFromDemoStore(store: DemoStore, opts: { now?: number } = {}): SimSeed {
  const itemName = new Map(store.items.map((i) => [i.id, i.name]));
  const now = opts.now ?? Date.now();
  const pick = (n: number) => store.items.slice(n, n + 3);
  const transfer = (k: number) => ({
    manifestNumber: String(900001 + k).padStart(10, "0"),
    shipperLicense: `C11-000${4400 + k}-LIC`,
    shipperName: k === 0 ? "Emerald Coast Distribution" : "Sierra Gold Manufacturing",
    estimatedArrival: now + (k + 1) * 3_600_000,
    packages: pick(k * 3).map((i, j) => ({
      label: `1A4060300012B7C${String(800001 + k * 10 + j).padStart(9, "0")}`,
      itemName: i.name,
      quantity: i.unit === "Each" ? 48 : 453.6,
      unit: i.unit,
    })),
  });
  return {
    license: store.site.licenseNumber,
    facilityName: store.site.name,
    timeZone: store.site.timezone,
    items: store.items.map((i) => ({
      name: i.name,
      category: CATEGORY[i.category] ?? "Buds",
      quantityType: i.weightBased ? "WeightBased" : "CountBased",
      unit: i.unit,
      ...(i.strain ? { strain: i.strain } : {}),
    })),
    locations: store.locations.map((l) => l.name),
    packages: store.packages.map((p) => ({
      label: p.label,
      itemName: itemName.get(p.itemId) ?? p.itemId,
      quantity: p.quantity,
      unit: p.unit,
      location: p.location,
      packagedDate: p.packagedDate,
      labState: p.labState,
      onHold: p.status === "on-hold" || p.status === "quarantine",
      ...(p.status === "finished" || p.status === "inactive" ? { finishedDate: p.packagedDate } : {}),
    })),
    transfers: [
      transfer(0),
      transfer(1),
      receivingTransfer(store, { manifestNumber: "0000900003", packages: 40, firstSequence: 810001, now }),
    ],
    receipts: store.sales.map((sale) => ({
      externalNumber: sale.receiptNumber,
      soldAt: Date.parse(sale.at),
      lines: sale.lines.map((l) => ({
        label: l.label,
        quantity: l.quantity,
        unit: l.unit,
        totalAmount: l.priceCents / 100,
      })),
    })),
    labResults: store.packages
      .filter((p) => store.items.find((i) => i.id === p.itemId)?.category === "flower")
      .slice(0, 40)
      .flatMap((p) => [
        {
          label: p.label,
          testType: "THC",
          passed: true,
          level: 22.4,
          performedDate: p.packagedDate,
          withDocument: true,
        },
        { label: p.label, testType: "Microbiologicals", passed: true, level: 0, performedDate: p.packagedDate },
      ]),
  };
}

/**
 * A synthetic facility with `packages` active packages spread over 40 items and 24 shelves,
 * LastModified spread over the `days` before `now` (benchmarks, large tests).
 */
export function syntheticSimSeed(opts: { packages: number; now?: number; days?: number }): SimSeed {
  const now = opts.now ?? Date.now();
  const spanMs = (opts.days ?? 30) * 86_400_000;
  const items = Array.from({ length: 40 }, (_, i) => ({
    name: `Bench Item ${i + 1}`,
    category: i % 2 ? "Edible" : "Buds",
    quantityType: (i % 2 ? "CountBased" : "WeightBased") as "CountBased" | "WeightBased",
    unit: i % 2 ? "Each" : "Grams",
  }));
  const locations = Array.from(
    { length: 24 },
    (_, i) => `Vault ${String.fromCharCode(65 + (i % 4))}-${1 + Math.floor(i / 4)}`,
  );
  return {
    license: "SIM-BENCH-0001",
    facilityName: "Benchmark Retail",
    timeZone: "America/Los_Angeles",
    items,
    locations,
    packages: Array.from({ length: opts.packages }, (_, n) => {
      const item = items[n % items.length]!;
      return {
        label: `1A4FF0100000022${String(n + 1).padStart(9, "0")}`,
        itemName: item.name,
        quantity: item.unit === "Each" ? 24 : 28,
        unit: item.unit,
        location: locations[n % locations.length]!,
        packagedDate: "2026-10-01",
        lastModified: now - spanMs + Math.floor((n / Math.max(1, opts.packages)) * spanMs),
      };
    }),
  };
}

type SeedTransfer = NonNullable<SimSeed["transfers"]>[number];

/** Shipped count per package of an item sold by the unit, by category (cases as distributors ship them). */
const CASE_COUNT: Record<string, number> = {
  flower: 24,
  "pre-roll": 48,
  vape: 24,
  edible: 12,
  concentrate: 12,
  tincture: 12,
  topical: 12,
};

/**
 * An incoming transfer of `packages` packages cycling through the store's items, as a distributor
 * ships a restock: bulk flower by the pound (453.6 g), everything else by the case.
 */
export function receivingTransfer(
  store: DemoStore,
  opts: { manifestNumber: string; packages: number; firstSequence: number; now: number; shipperName?: string },
): SeedTransfer {
  return {
    manifestNumber: opts.manifestNumber,
    shipperLicense: "C11-0004401-LIC",
    shipperName: opts.shipperName ?? "Coastal Farms Distribution",
    estimatedArrival: opts.now + 30 * 60_000,
    packages: Array.from({ length: opts.packages }, (_, n) => {
      const item = store.items[n % store.items.length]!;
      return {
        label: `1A4060300012B7C${String(opts.firstSequence + n).padStart(9, "0")}`,
        itemName: item.name,
        quantity: item.weightBased ? 453.6 : (CASE_COUNT[item.category] ?? 12),
        unit: item.unit,
      };
    }),
  };
}

/** A lab test row for a package on an incoming transfer. */
export interface IncomingLabResult {
  label: string;
  testType: string;
  passed: boolean;
  level: number | null;
  performedDate: string;
  withDocument: boolean;
}

/**
 * Lab results for every package on the seed's incoming transfers: potency (THC with the COA, CBD)
 * and microbials, passing except for the labels in `failed` (microbials failed). Labels in
 * `withoutCoa` get results but no COA document.
 */
export function incomingLabResults(
  seed: SimSeed,
  opts: { failed?: readonly string[]; withoutCoa?: readonly string[]; performedDate?: string } = {},
): IncomingLabResult[] {
  const date = opts.performedDate ?? "2026-11-02";
  return (seed.transfers ?? [])
    .flatMap((t) => t.packages)
    .flatMap((p, n) => [
      {
        label: p.label,
        testType: "THC",
        passed: true,
        level: 18 + (n % 12),
        performedDate: date,
        withDocument: !opts.withoutCoa?.includes(p.label),
      },
      {
        label: p.label,
        testType: "CBD",
        passed: true,
        level: Number(((n % 5) * 0.1).toFixed(1)),
        performedDate: date,
        withDocument: false,
      },
      {
        label: p.label,
        testType: "Microbiologicals",
        passed: !opts.failed?.includes(p.label),
        level: null,
        performedDate: date,
        withDocument: false,
      },
    ]);
}

/**
 * Adds lab results to packages on the simulator's incoming transfers. The seed's `labResults` reach
 * only the facility's own packages; a receiver sees the shipper's results for packages in transit,
 * which is what the kiosk's lab gate checks.
 */
export function addIncomingLabResults(state: SimState, results: readonly IncomingLabResult[]): void {
  const inTransit = new Map(
    [...state.transfers.values()].flatMap((t) => t.packages.map((p) => [p.label, p.packageId] as const)),
  );
  for (const r of results) {
    const packageId = inTransit.get(r.label);
    if (packageId === undefined) continue;
    let documentFileId: number | null = null;
    if (r.withDocument) {
      documentFileId = state.id();
      state.documents.set(
        documentFileId,
        new TextEncoder().encode(`%PDF-1.4\n% Certificate of analysis for ${r.label}\n%%EOF\n`),
      );
    }
    state.labResults.push({
      id: state.id(),
      packageId,
      label: r.label,
      testType: r.testType,
      passed: r.passed,
      level: r.level,
      performedDate: r.performedDate,
      documentFileId,
    });
  }
}
