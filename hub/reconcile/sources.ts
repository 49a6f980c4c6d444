/**
 * The reads behind a run, one set-based query per source for one site and business day, each
 * returning aggregates or the few rows that differ (never every package):
 *
 *   pos_sales (business_day)      ─┐ net per tag and unit           ┌─ unknown-tag, sold-not-reported,
 *   ss_receipts (local sale time) ─┴ net per tag and unit (JSON) ───┘  reported-not-sold, unit/quantity-mismatch
 *   packages ⋈ ss_packages          on hand here, unknown or inactive there
 *   pos_sales ⋈ movements           status when each sale was made (sold-while-unsellable)
 *   receiving_lines ⋈ ss_transfer_packages   received vs shipped
 *   counts' figures ⋈ adjustments   the books when each package was counted
 */
import { PostgresAdapter, sql } from "kysely";
import { addDays } from "#contract/facility-time.js";
import type { Db } from "#hub/store/database.js";
import { unitName, type DayFacts, type NetByLabel, type UnsellableWhy } from "./facts.js";
import {
  databaseLookups,
  physicalFacts,
  WHOLE_SITE,
  type ActiveStatePackage,
  type PhysicalInput,
} from "./physical-sources.js";
import { siteSnapshot, snapshotLookups, vaultVsSnapshot } from "./site-snapshot.js";

/** One site's business day, with its bounds as UTC instants. */
export interface DayQuery {
  site: string;
  day: string;
  /** ISO instants: the day's first moment, and the next day's. */
  start: string;
  end: string;
}

/** Statuses under which the vault holds a package (on hand). */
const HELD = ["active", "on-hold", "quarantine"];
const FAILED_LAB = ["TestFailed", "RetestFailed"];
/** Statuses a package cannot be sold under (the vault's quarantine, a hold). */
const UNSELLABLE = ["quarantine", "on-hold"];

function addNet(into: Map<string, Map<string, number>>, label: string, unit: string, quantity: number): void {
  const byUnit = into.get(label) ?? new Map<string, number>();
  const u = unitName(unit);
  byUnit.set(u, (byUnit.get(u) ?? 0) + Number(quantity));
  into.set(label, byUnit);
}

async function posNet(db: Db, q: DayQuery): Promise<NetByLabel> {
  const rows = await db
    .selectFrom("pos_sales")
    .select((eb) => ["package_label", "unit", eb.fn.sum<number>("quantity").as("quantity")])
    .where("site_id", "=", q.site)
    .where("business_day", "=", q.day)
    .where("voided", "=", 0)
    .where("package_label", "is not", null)
    .groupBy(["package_label", "unit"])
    .execute();
  const net = new Map<string, Map<string, number>>();
  for (const r of rows) addNet(net, r.package_label!, r.unit, r.quantity);
  return net;
}

/**
 * The state system's receipts keep their lines as JSON and their sale time as the facility's wall
 * clock (METRC's SalesDateTime has no offset), so the business day is a prefix of that text.
 */
async function stateNet(db: Db, q: DayQuery): Promise<NetByLabel> {
  const next = addDays(q.day, 1);
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const query = pg
    ? sql<{ label: string; unit: string; quantity: number }>`
        select j->>'label' as label, j->>'unit' as unit, sum((j->>'quantity')::float8) as quantity
        from ss_receipts r cross join lateral jsonb_array_elements(r.lines::jsonb) as j
        where r.site_id = ${q.site} and r.sales_date_time >= ${q.day} and r.sales_date_time < ${next} and r.voided = 0
        group by 1, 2`
    : sql<{ label: string; unit: string; quantity: number }>`
        select json_extract(j.value, '$.label') as label, json_extract(j.value, '$.unit') as unit,
          sum(json_extract(j.value, '$.quantity')) as quantity
        from ss_receipts r, json_each(r.lines) j
        where r.site_id = ${q.site} and r.sales_date_time >= ${q.day} and r.sales_date_time < ${next} and r.voided = 0
        group by 1, 2`;
  const net = new Map<string, Map<string, number>>();
  for (const r of (await query.execute(db)).rows) if (r.label) addNet(net, r.label, r.unit ?? "", r.quantity);
  return net;
}

async function unknownSold(db: Db, q: DayQuery): Promise<Set<string>> {
  const rows = await db
    .selectFrom("pos_sales as s")
    .select("s.package_label")
    .distinct()
    .where("s.site_id", "=", q.site)
    .where("s.business_day", "=", q.day)
    .where("s.voided", "=", 0)
    .where("s.package_label", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("ss_packages as p")
            .select("p.label")
            .whereRef("p.site_id", "=", "s.site_id")
            .whereRef("p.label", "=", "s.package_label"),
        ),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.package_label!));
}

/** Packages on hand in the ledger that the state system has no package for, or lists as inactive. */
async function vaultVsState(db: Db, site: string): Promise<Pick<DayFacts, "unknownVault" | "notInState">> {
  const rows = await db
    .selectFrom("packages as p")
    .leftJoin("ss_packages as s", (j) => j.onRef("s.site_id", "=", "p.site_id").onRef("s.label", "=", "p.label"))
    .select(["p.label", "p.quantity", "s.status as state_status"])
    .where("p.site_id", "=", site)
    .where("p.status", "in", HELD)
    .where("p.quantity", ">", 0)
    .where((eb) => eb.or([eb("s.label", "is", null), eb("s.status", "=", "inactive")]))
    .execute();
  return {
    unknownVault: rows
      .filter((r) => r.state_status === null)
      .map((r) => ({ label: r.label, ledger: Number(r.quantity) })),
    notInState: rows
      .filter((r) => r.state_status !== null)
      .map((r) => ({ label: r.label, ledger: Number(r.quantity) })),
  };
}

/**
 * Sale lines of packages that were, or are, quarantined, on hold or failed lab (those ever held
 * are read first, by movements' status index, so the day's other lines cost nothing), with the status
 * the package had when the line was sold: the last movement at or before the sale, else the one
 * before the next movement, else the package's status now.
 */
async function unsellableSales(db: Db, q: DayQuery): Promise<DayFacts["unsellable"]> {
  const everHeld = (
    await db
      .selectFrom("movements")
      .select("label")
      .distinct()
      .where("site_id", "=", q.site)
      .where("to_status", "in", UNSELLABLE)
      .execute()
  ).map((r) => r.label);
  const rows = await db
    .selectFrom("pos_sales as s")
    .innerJoin("packages as pk", (j) =>
      j.onRef("pk.site_id", "=", "s.site_id").onRef("pk.label", "=", "s.package_label"),
    )
    .select((eb) => [
      "s.package_label as label",
      "s.quantity",
      "pk.status",
      "pk.lab_state",
      eb
        .selectFrom("movements as m")
        .select("m.to_status")
        .whereRef("m.site_id", "=", "s.site_id")
        .whereRef("m.label", "=", "s.package_label")
        .whereRef("m.at", "<=", "s.completed_at")
        .orderBy("m.at", "desc")
        .orderBy("m.id", "desc")
        .limit(1)
        .as("status_then"),
      eb
        .selectFrom("movements as m")
        .select("m.from_status")
        .whereRef("m.site_id", "=", "s.site_id")
        .whereRef("m.label", "=", "s.package_label")
        .whereRef("m.at", ">", "s.completed_at")
        .orderBy("m.at", "asc")
        .orderBy("m.id", "asc")
        .limit(1)
        .as("status_next"),
    ])
    .where("s.site_id", "=", q.site)
    .where("s.business_day", "=", q.day)
    .where("s.voided", "=", 0)
    .where("s.quantity", ">", 0)
    .where((eb) =>
      eb.or([
        eb("pk.status", "in", UNSELLABLE),
        eb("pk.lab_state", "in", FAILED_LAB),
        ...(everHeld.length > 0 ? [eb("s.package_label", "in", everHeld)] : []),
      ]),
    )
    .execute();
  const byLabel = new Map<string, { label: string; why: UnsellableWhy; quantity: number }>();
  for (const r of rows) {
    const then = r.status_then ?? r.status_next ?? r.status;
    const why: UnsellableWhy | undefined =
      then === "quarantine" || then === "on-hold" ? then : FAILED_LAB.includes(r.lab_state) ? "failed-lab" : undefined;
    if (!why || !r.label) continue;
    const prev = byLabel.get(r.label);
    byLabel.set(r.label, {
      label: r.label,
      why: prev?.why ?? why,
      quantity: (prev?.quantity ?? 0) + Number(r.quantity),
    });
  }
  return [...byLabel.values()];
}

/** Packages accepted at the vault that day, against what their manifest shipped. */
async function receivedVsShipped(db: Db, q: DayQuery): Promise<DayFacts["receiving"]> {
  const rows = await db
    .selectFrom("receiving_lines as rl")
    .innerJoin("ss_transfers as t", (j) =>
      j.onRef("t.site_id", "=", "rl.site_id").onRef("t.manifest_number", "=", "rl.manifest_number"),
    )
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.site_id", "=", "t.site_id").onRef("d.transfer_id", "=", "t.state_id"),
    )
    .innerJoin("ss_transfer_packages as tp", (j) =>
      j
        .onRef("tp.site_id", "=", "d.site_id")
        .onRef("tp.delivery_id", "=", "d.state_id")
        .onRef("tp.label", "=", "rl.label"),
    )
    .select([
      "rl.label",
      "rl.manifest_number",
      "rl.received_quantity",
      "rl.unit",
      "tp.shipped_quantity",
      "tp.shipped_unit",
    ])
    .where("rl.site_id", "=", q.site)
    .where("rl.decided_at", ">=", q.start)
    .where("rl.decided_at", "<", q.end)
    .where("rl.unexpected", "=", 0)
    .where("rl.decision", "in", ["accept", "accept-corrected"])
    .execute();
  return rows.map((r) => ({
    label: r.label,
    manifest: r.manifest_number,
    shipped: Number(r.shipped_quantity),
    shippedUnit: unitName(r.shipped_unit),
    received: Number(r.received_quantity),
    receivedUnit: unitName(r.unit),
  }));
}

/** The vault's and the state system's packages: one read of the site with a full count (every package a question), else the differing few. */
async function packageSide(db: Db, site: string, physical: PhysicalInput | undefined) {
  const whole = physical !== undefined && (physical.lastFullCount !== null || physical.figures.length > WHOLE_SITE);
  if (whole) {
    const snap = await siteSnapshot(db, site);
    return { vault: vaultVsSnapshot(snap, HELD), look: snapshotLookups(snap) };
  }
  return { vault: await vaultVsState(db, site), look: databaseLookups(db, site, []) };
}

/** Everything a run compares for one site's business day. */
export async function gatherFacts(db: Db, q: DayQuery, physical: PhysicalInput | undefined): Promise<DayFacts> {
  const sideRead = packageSide(db, q.site, physical);
  // The physical side needs only the package side: on PostgreSQL it overlaps the other reads.
  const countedRead = sideRead.then((side) => physicalFacts(db, q.site, physical, side.look));
  const [pos, state, unknown, side, unsellable, receiving, counted] = await Promise.all([
    posNet(db, q),
    stateNet(db, q),
    unknownSold(db, q),
    sideRead,
    unsellableSales(db, q),
    receivedVsShipped(db, q),
    countedRead,
  ]);
  const vault = side.vault;
  const needActive = unknown.size > 0 || vault.unknownVault.length > 0 || counted.unknownVault.length > 0;
  const active = !needActive
    ? []
    : side.look.active.length > 0
      ? side.look.active
      : await activeStatePackages(db, q.site);
  return {
    pos,
    state,
    unknownSold: unknown,
    unknownVault: [...vault.unknownVault, ...counted.unknownVault],
    notInState: vault.notInState,
    notInVault: counted.notInVault,
    unsellable,
    receiving,
    physical: counted.physical,
    activeLabels: active.map((p) => p.label),
  };
}

/** The site's packages active in the state system, with the state system's quantity. */
async function activeStatePackages(db: Db, site: string): Promise<ActiveStatePackage[]> {
  const rows = await db
    .selectFrom("ss_packages")
    .select(["label", "quantity"])
    .where("site_id", "=", site)
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => ({ label: r.label, quantity: Number(r.quantity) }));
}
