/**
 * The outcome watch: after each state-system sync, what METRC recorded for every package of a
 * manifest the vault finished (ShipmentPackageState, ReceivedQuantity) is compared with what the
 * vault verified. The receipt itself is typed into METRC's web UI by a person (the API cannot
 * receive a licensed transfer), so typing mistakes and forgotten receipts show up here.
 *
 *   receiving_manifests (completed | rejected) + receiving_lines ─┐
 *   ss_transfer_packages (state, received quantity) ──────────────┼─▶ expected vs recorded ─▶ receiving_flags
 *                                                                 └─ new flag / cleared flag ─▶ audit entry
 */
import type { Transaction } from "kysely";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { inTransaction } from "#hub/store/transaction.js";
import { transferViews, type TransferPackageView } from "./manifests.js";
import type { FlagKind, ReceivingLinesTable } from "./tables.js";
import type { Database, Db } from "#hub/store/database.js";

/** One difference found, before it is stored. */
export interface Difference {
  manifestNumber: string;
  label: string;
  kind: FlagKind;
  detail: string;
  vaultDecision: string | null;
  vaultQuantity: number | null;
  stateState: string;
  stateQuantity: number | null;
}

/** Size of each unit in its base (grams or each), for comparing quantities across units. */
const UNIT_BASE: Record<string, { base: "g" | "ea"; factor: number }> = {
  Each: { base: "ea", factor: 1 },
  Grams: { base: "g", factor: 1 },
  Milligrams: { base: "g", factor: 0.001 },
  Kilograms: { base: "g", factor: 1000 },
  Ounces: { base: "g", factor: 28.349523125 },
  Pounds: { base: "g", factor: 453.59237 },
};

/**
 * Quantities equal "within rounding": the kiosk shows and METRC's receive screen takes two decimals,
 * so anything within half a hundredth of the vault's unit is the same number typed.
 */
export function sameQuantity(a: number, aUnit: string, b: number, bUnit: string): boolean {
  const ua = UNIT_BASE[aUnit];
  const ub = UNIT_BASE[bUnit];
  if (!ua || !ub) return aUnit === bUnit && Math.abs(a - b) <= 0.005;
  if (ua.base !== ub.base) return false;
  return Math.abs(a - (b * ub.factor) / ua.factor) <= 0.005 + 1e-9;
}

/** What the vault expects METRC to show for one package. */
interface Expected {
  state: "Accepted" | "Rejected";
  line: ReceivingLinesTable | undefined;
}

function expectedFor(status: string, line: ReceivingLinesTable | undefined): Expected {
  if (status === "rejected" || !line || line.decision === "reject") return { state: "Rejected", line };
  return { state: "Accepted", line };
}

function fmt(q: number | null, unit: string | null): string {
  return q === null ? "no quantity" : `${q} ${unit ?? ""}`.trim();
}

/** The differences for one package, given the vault's expectation and METRC's record. */
export function compare(
  manifestNumber: string,
  p: TransferPackageView,
  exp: Expected,
  completedAtMs: number,
  nowMs: number,
  graceMs: number,
): Difference[] {
  const base = {
    manifestNumber,
    label: p.label,
    vaultDecision: exp.line?.decision ?? (exp.state === "Rejected" ? "reject" : null),
    vaultQuantity: exp.line ? Number(exp.line.received_quantity) : null,
    stateState: p.state,
    stateQuantity: p.receivedQuantity,
  };
  if (p.state === "Shipped") {
    if (nowMs - completedAtMs < graceMs) return [];
    const hours = Math.floor((nowMs - completedAtMs) / 3_600_000);
    return [
      {
        ...base,
        kind: "still-shipped",
        detail: `Decided at the vault ${hours} h ago (${exp.state === "Accepted" ? "accept" : "reject"}); METRC still shows it Shipped. Receive it in METRC.`,
      },
    ];
  }
  const recordedAccepted = p.state === "Accepted";
  if ((exp.state === "Accepted") !== recordedAccepted) {
    const vault =
      exp.state === "Accepted"
        ? "accepted at the vault"
        : exp.line
          ? "rejected at the vault"
          : "not found in the delivery at the vault";
    return [
      {
        ...base,
        kind: "state-differs",
        detail: `${vault[0]!.toUpperCase()}${vault.slice(1)}, but METRC shows it ${p.state}.`,
      },
    ];
  }
  if (exp.state === "Accepted" && exp.line && p.receivedQuantity !== null) {
    const unit = p.receivedUnit ?? p.shippedUnit;
    if (!sameQuantity(Number(exp.line.received_quantity), exp.line.unit, p.receivedQuantity, unit)) {
      return [
        {
          ...base,
          kind: "quantity-differs",
          detail: `Vault verified ${fmt(Number(exp.line.received_quantity), exp.line.unit)}; METRC shows ${fmt(p.receivedQuantity, unit)} received.`,
        },
      ];
    }
  }
  return [];
}

/** How long after the vault finished a manifest METRC's record of it is watched, unless a flag stands. */
export const WATCH_DAYS = 30;

/** `site`'s manifests to watch: finished within WATCH_DAYS, or with a flag still standing. */
async function watched(db: Db, site: string, nowMs: number) {
  const since = new Date(nowMs - WATCH_DAYS * 86_400_000).toISOString();
  return db
    .selectFrom("receiving_manifests as m")
    .selectAll("m")
    .where("m.site_id", "=", site)
    .where("m.status", "in", ["completed", "rejected"])
    .where((eb) =>
      eb.or([
        eb("m.completed_at", ">=", since),
        eb.exists(
          eb
            .selectFrom("receiving_flags as f")
            .select("f.label")
            .whereRef("f.site_id", "=", "m.site_id")
            .whereRef("f.manifest_number", "=", "m.manifest_number")
            .where("f.cleared_at", "is", null),
        ),
      ]),
    )
    .execute();
}

/** Every current difference between `site`'s recently finished manifests and its state system's records. */
export async function findDifferences(db: Db, site: string, nowMs: number, graceMs: number): Promise<Difference[]> {
  const finished = await watched(db, site, nowMs);
  if (finished.length === 0) return [];
  const lines = await db
    .selectFrom("receiving_lines")
    .selectAll()
    .where("site_id", "=", site)
    .where(
      "manifest_number",
      "in",
      finished.map((m) => m.manifest_number),
    )
    .execute();
  const views = new Map(
    (await transferViews(db, site, { manifestNumbers: finished.map((m) => m.manifest_number) })).map((v) => [
      v.manifestNumber,
      v,
    ]),
  );
  const out: Difference[] = [];
  for (const m of finished) {
    const view = views.get(m.manifest_number);
    if (!view || view.voided) continue;
    const completedAt = Date.parse(m.completed_at ?? m.updated_at);
    for (const p of view.packages) {
      const line = lines.find(
        (l) => l.manifest_number === m.manifest_number && l.label === p.label && Number(l.unexpected) === 0,
      );
      out.push(...compare(m.manifest_number, p, expectedFor(m.status, line), completedAt, nowMs, graceMs));
    }
  }
  return out;
}

const key = (d: { manifestNumber: string; label: string; kind: string }) => `${d.manifestNumber}|${d.label}|${d.kind}`;

async function storeFlags(
  trx: Transaction<Database>,
  site: string,
  found: Difference[],
  at: string,
): Promise<{ flagged: number; cleared: number }> {
  const open = await trx
    .selectFrom("receiving_flags")
    .selectAll()
    .where("site_id", "=", site)
    .where("cleared_at", "is", null)
    .execute();
  const openKeys = new Set(open.map((f) => key({ manifestNumber: f.manifest_number, label: f.label, kind: f.kind })));
  const foundKeys = new Set(found.map(key));
  let flagged = 0;
  for (const d of found.filter((x) => !openKeys.has(key(x)))) {
    const row = {
      site_id: site,
      manifest_number: d.manifestNumber,
      label: d.label,
      kind: d.kind,
      detail: d.detail,
      vault_decision: d.vaultDecision,
      vault_quantity: d.vaultQuantity,
      state_state: d.stateState,
      state_quantity: d.stateQuantity,
      flagged_at: at,
      cleared_at: null,
    };
    await trx
      .insertInto("receiving_flags")
      .values(row)
      .onConflict((oc) => oc.columns(["site_id", "manifest_number", "label", "kind"]).doUpdateSet(row))
      .execute();
    await appendAuditIn(trx, {
      at,
      actor: "system",
      action: "receiving.mismatch.flagged",
      subject: `package ${d.label}`,
      detail: { site, ...d },
    });
    flagged++;
  }
  let cleared = 0;
  for (const f of open.filter(
    (x) => !foundKeys.has(key({ manifestNumber: x.manifest_number, label: x.label, kind: x.kind })),
  )) {
    await trx
      .updateTable("receiving_flags")
      .set({ cleared_at: at })
      .where("site_id", "=", site)
      .where("manifest_number", "=", f.manifest_number)
      .where("label", "=", f.label)
      .where("kind", "=", f.kind)
      .execute();
    await appendAuditIn(trx, {
      at,
      actor: "system",
      action: "receiving.mismatch.cleared",
      subject: `package ${f.label}`,
      detail: { site, manifestNumber: f.manifest_number, kind: f.kind, was: f.detail },
    });
    cleared++;
  }
  return { flagged, cleared };
}

/** Compares `site`'s manifests, stores new flags and clears the ones that went away, with an audit entry for each. */
export async function watchOutcomes(
  db: Db,
  site: string,
  opts: { nowMs: number; graceMs: number },
): Promise<{ flagged: number; cleared: number; open: number }> {
  const found = await findDifferences(db, site, opts.nowMs, opts.graceMs);
  const at = new Date(opts.nowMs).toISOString();
  const result = await inTransaction(db, (trx) => storeFlags(trx, site, found, at));
  return { ...result, open: found.length };
}
