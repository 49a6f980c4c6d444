/** Shared set-up for the state-system tests: a seeded simulator and a client pointed at it. */
import pino from "pino";
import type { Clock } from "#hub/clock.js";
import { MetrcStateSystem, type MetrcConfig } from "#hub/statesystem/metrc/client.js";
import type { SimSeed } from "#hub/statesystem/metrc-sim/model.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import type { RequestRecord } from "#hub/statesystem/request-record.js";

export const TEST_LICENSE = "C10-0000123-LIC";
export const LABEL_A = "1A4060300012B7C000003001";
export const LABEL_B = "1A4060300012B7C000003002";
export const LABEL_C = "1A4060300012B7C000003003";
export const INCOMING_1 = "1A4060300012B7C000800001";
export const INCOMING_2 = "1A4060300012B7C000800002";

/** A small facility: three packages, one incoming transfer, lab results with a COA. */
export function smallSeed(now: number): SimSeed {
  return {
    license: TEST_LICENSE,
    facilityName: "Green Leaf Oakland",
    timeZone: "America/Los_Angeles",
    items: [
      { name: "Blue Dream 3.5g", category: "Buds", quantityType: "CountBased", unit: "Each", strain: "Blue Dream" },
      { name: "OG Kush Bulk", category: "Buds", quantityType: "WeightBased", unit: "Grams" },
    ],
    locations: ["Vault A-1", "Vault A-2", "Sales Floor", "Quarantine"],
    packages: [
      {
        label: LABEL_A,
        itemName: "Blue Dream 3.5g",
        quantity: 24,
        unit: "Each",
        location: "Vault A-1",
        packagedDate: "2026-11-01",
        lastModified: now - 3 * 86_400_000,
      },
      {
        label: LABEL_B,
        itemName: "OG Kush Bulk",
        quantity: 453.6,
        unit: "Grams",
        location: "Vault A-2",
        packagedDate: "2026-11-02",
        lastModified: now - 2 * 86_400_000,
      },
      {
        label: LABEL_C,
        itemName: "OG Kush Bulk",
        quantity: 10,
        unit: "Grams",
        location: "Quarantine",
        packagedDate: "2026-11-03",
        onHold: true,
        lastModified: now - 86_400_000,
      },
    ],
    transfers: [
      {
        manifestNumber: "0000900001",
        shipperLicense: "C11-0004400-LIC",
        shipperName: "Emerald Coast Distribution",
        estimatedArrival: now + 3_600_000,
        packages: [
          { label: INCOMING_1, itemName: "Blue Dream 3.5g", quantity: 48, unit: "Each" },
          { label: INCOMING_2, itemName: "OG Kush Bulk", quantity: 226.8, unit: "Grams" },
        ],
      },
    ],
    labResults: [
      { label: LABEL_B, testType: "THC", passed: true, level: 21.5, performedDate: "2026-11-02", withDocument: true },
      { label: LABEL_B, testType: "Microbiologicals", passed: true, level: 0, performedDate: "2026-11-02" },
    ],
  };
}

export interface Rig {
  sim: MetrcSimulator;
  client: MetrcStateSystem;
  log: RequestRecord[];
  stop(): Promise<void>;
}

/** Starts a simulator on a free port and a METRC client with a collecting request log. */
export async function startRig(opts: { clock: Clock; seed?: SimSeed; client?: Partial<MetrcConfig> }): Promise<Rig> {
  const seed = opts.seed ?? smallSeed(opts.clock.now());
  const sim = await startMetrcSimulator({ port: 0, seed, clock: opts.clock });
  const log: RequestRecord[] = [];
  const client = new MetrcStateSystem(
    {
      baseUrl: sim.url,
      vendorKey: sim.control.keys.vendorKey,
      userKey: sim.control.keys.userKey,
      license: seed.license,
      timeZone: seed.timeZone,
      timeoutMs: 2_000,
      ...opts.client,
    },
    { clock: opts.clock, log: pino({ level: "silent" }), requestLog: (r) => void log.push(r), random: () => 0.5 },
  );
  return { sim, client, log, stop: () => sim.stop() };
}

/** Collects every record of an async iterable of batches. */
export async function collect<T>(it: AsyncIterable<{ records: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of it) out.push(...b.records);
  return out;
}
