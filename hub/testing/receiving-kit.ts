/**
 * Shared set-up for the receiving tests: an incoming transfer as the state-system sync stores it,
 * lab results, catalog items, and receive events as a station sends them.
 */
import type { Kysely } from "kysely";
import { newId } from "#contract/ids.js";
import type { StationEvent } from "#contract/messages.js";
import type { LineDecision, ReceivePayload } from "#contract/receiving.js";
import type { Database } from "#hub/store/database.js";
import { TEST_SITE } from "./ledger.js";

export const MANIFEST = "0000777001";
export const T_PASS = "1A4060300012B7C000777001";
export const T_BULK = "1A4060300012B7C000777002";
export const T_FAIL = "1A4060300012B7C000777003";
export const T_NOLAB = "1A4060300012B7C000777004";
export const T_STRAY = "1A4060300012B7C000999999";

export interface SeedPackage {
  label: string;
  stateId: string;
  itemName: string;
  quantity: number;
  unit: string;
  state?: string;
  receivedQuantity?: number | null;
}

/** Four packages listed by METRC in package-id order (not label order): pass, bulk, failed lab, no lab. */
export const DEFAULT_PACKAGES: SeedPackage[] = [
  { label: T_BULK, stateId: "5001", itemName: "OG Kush Bulk", quantity: 453.6, unit: "Grams" },
  { label: T_PASS, stateId: "5002", itemName: "Blue Dream 3.5g", quantity: 48, unit: "Each" },
  { label: T_FAIL, stateId: "5003", itemName: "Blue Dream 3.5g", quantity: 24, unit: "Each" },
  { label: T_NOLAB, stateId: "5004", itemName: "Mystery Gummies", quantity: 10, unit: "Each" },
];

/** Stores an incoming transfer of `site` (default TEST_SITE) with one delivery and its packages. */
export async function seedTransfer(
  db: Kysely<Database>,
  opts: { manifest?: string; packages?: SeedPackage[]; arrival?: string | null; voided?: boolean; site?: string } = {},
): Promise<void> {
  const x = db;
  const site = opts.site ?? TEST_SITE;
  const manifest = opts.manifest ?? MANIFEST;
  const pkgs = opts.packages ?? DEFAULT_PACKAGES;
  await x
    .insertInto("ss_transfers")
    .values({
      site_id: site,
      state_id: `t-${manifest}`,
      manifest_number: manifest,
      shipper_license: "C11-0004400-LIC",
      shipper_name: "Emerald Coast Distribution",
      package_count: pkgs.length,
      received_package_count: 0,
      estimated_arrival: opts.arrival === undefined ? "2026-11-27T09:30:00.000" : opts.arrival,
      received_at: null,
      voided: opts.voided ? 1 : 0,
      last_modified: "2026-11-27T08:00:00.000Z",
    })
    .execute();
  await x
    .insertInto("ss_deliveries")
    .values({
      site_id: site,
      state_id: `d-${manifest}`,
      transfer_id: `t-${manifest}`,
      package_count: pkgs.length,
      received_package_count: 0,
      received_at: null,
    })
    .execute();
  await x
    .insertInto("ss_transfer_packages")
    .values(
      pkgs.map((p) => ({
        site_id: site,
        delivery_id: `d-${manifest}`,
        label: p.label,
        package_state_id: p.stateId,
        item_name: p.itemName,
        item_category: "Buds",
        shipped_quantity: p.quantity,
        shipped_unit: p.unit,
        received_quantity: p.receivedQuantity ?? null,
        received_unit: p.receivedQuantity == null ? null : p.unit,
        state: p.state ?? "Shipped",
      })),
    )
    .execute();
}

/** Catalog items of `site` for the default packages, with the bulk flower's container tare. */
export async function seedItems(db: Kysely<Database>, site = TEST_SITE): Promise<void> {
  const at = "2026-11-01T00:00:00.000Z";
  await db
    .insertInto("items")
    .values([
      {
        site_id: site,
        id: "item-bd35",
        name: "Blue Dream 3.5g",
        category: "flower",
        brand: null,
        strain: "Blue Dream",
        gtin: null,
        unit: "Each",
        weight_based: 0,
        unit_weight_grams: 3.5,
        container_tare_grams: null,
        updated_at: at,
      },
      {
        site_id: site,
        id: "item-ogk",
        name: "OG Kush Bulk",
        category: "flower",
        brand: null,
        strain: "OG Kush",
        gtin: null,
        unit: "Grams",
        weight_based: 1,
        unit_weight_grams: null,
        container_tare_grams: 212,
        updated_at: at,
      },
    ])
    .execute();
}

/** Passing results of `site` with a COA for the bulk and the 3.5g package; a failed microbial test for T_FAIL. */
export async function seedLabs(db: Kysely<Database>, site = TEST_SITE): Promise<void> {
  const row = (
    id: string,
    label: string,
    testType: string,
    passed: boolean,
    level: number | null,
    doc: string | null,
  ) => ({
    site_id: site,
    result_id: id,
    label,
    test_type: testType,
    test_passed: passed ? 1 : 0,
    overall_passed: passed ? 1 : 0,
    performed_date: "2026-11-02",
    level,
    document_file_id: doc,
  });
  await db
    .insertInto("receiving_lab_results")
    .values([
      row("r1", T_BULK, "THC", true, 24.1, "9001"),
      row("r2", T_BULK, "CBD", true, 0.1, null),
      row("r3", T_PASS, "THC", true, 21.5, "9002"),
      row("r4", T_FAIL, "Microbiologicals", false, 3, "9003"),
    ])
    .execute();
}

let seq = 0;

/** A receive event as a station sends it; `at` increases per call unless given. */
export function receiveEvent(
  payload: ReceivePayload,
  opts: { at?: string; employeeId?: string; stationId?: string; siteId?: string } = {},
): StationEvent<"receive"> {
  seq++;
  return {
    id: newId(),
    type: "receive",
    stationId: opts.stationId ?? "vault-1",
    siteId: opts.siteId ?? "site-1",
    at: opts.at ?? new Date(Date.UTC(2026, 10, 27, 10, 0, seq)).toISOString(),
    employeeId: opts.employeeId ?? "emp-001",
    payload,
  };
}

/** One line decision with sensible defaults. */
export function decision(label: string, over: Partial<LineDecision> = {}): LineDecision {
  return { label, decision: "accept", receivedQuantity: 48, unit: "Each", location: "Vault A-1", ...over };
}
