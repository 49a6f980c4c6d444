/**
 * A proposed resolution worked out from the form, before anything is written: the state-system
 * writes it makes (an adjustment with one of the state system's reasons; or a corrected sales
 * receipt: the wrong receipt voided and/or the right one reported), how much it moves and what it
 * is worth (at the package's POS price), for the approval threshold.
 */
import { findPackage } from "#hub/ledger/catalog.js";
import { localDate } from "#contract/facility-time.js";
import type { AdjustmentReason, StateReceiptLine, StateWrite } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import type { InvCasesTable } from "./tables.js";

/** What the coordinator proposes, as the case page's forms send it. */
export type ProposalInput =
  | { kind: "adjustment"; quantity: number; reason: string; note?: string | undefined; date?: string | undefined }
  | {
      kind: "receipt";
      /** The state system's receipt (by the hub's receipt number) to void, when it is wrong. */
      voidExternalNumber?: string | undefined;
      /** The sale as it happened, to report: when, how much of the package, for how much. */
      soldAt?: string | undefined;
      quantity?: number | undefined;
      total?: number | undefined;
    };

export interface PlannedResolution {
  kind: "adjustment" | "receipt";
  writes: StateWrite[];
  /** Absolute quantity moved, in the package's unit. */
  quantity: number;
  /** Dollars; null when no price is known. */
  value: number | null;
}

export interface ProposalContext {
  db: Db;
  case: InvCasesTable;
  timeZone: string;
  nowMs: number;
  /** The site's adjustment reasons (kept by the sync, or asked from the state system). */
  reasons(): Promise<AdjustmentReason[]>;
  /** How many resolutions the case has had, to number its receipts. */
  earlier: number;
}

type Planned = PlannedResolution | { reason: string };

/** The package's POS price per unit: net sales ÷ net quantity of its non-voided lines; null when never sold. */
async function unitPrice(db: Db, site: string, label: string): Promise<number | null> {
  const row = await db
    .selectFrom("pos_sales")
    .select((eb) => [eb.fn.sum<number>("total").as("total"), eb.fn.sum<number>("quantity").as("quantity")])
    .where("site_id", "=", site)
    .where("package_label", "=", label)
    .where("voided", "=", 0)
    .executeTakeFirst();
  const q = Number(row?.quantity ?? 0);
  return q > 0 ? Number(row?.total ?? 0) / q : null;
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

async function adjustment(
  ctx: ProposalContext,
  input: Extract<ProposalInput, { kind: "adjustment" }>,
): Promise<Planned> {
  const c = ctx.case;
  if (!Number.isFinite(input.quantity) || input.quantity === 0)
    return { reason: "give the change in quantity: negative to take off, positive to add" };
  const found = await findPackage(ctx.db, c.site_id, c.label);
  if (!found) return { reason: `package ${c.label} is not in the ledger: adjust a package the ledger holds` };
  const reasons = await ctx.reasons();
  const reason = reasons.find((r) => r.name.toLowerCase() === input.reason.trim().toLowerCase());
  if (!reason)
    return {
      reason:
        reasons.length === 0
          ? "no adjustment reasons are known for this site yet: sync the state system first"
          : `choose one of the state system's adjustment reasons: ${reasons.map((r) => r.name).join(", ")}`,
    };
  const note = input.note?.trim() ?? "";
  if (reason.requiresNote && !note) return { reason: `the state system needs a note for the reason ${reason.name}` };
  if (found.pkg.quantity + input.quantity < -1e-9)
    return {
      reason: `package ${c.label} holds ${found.pkg.quantity} ${found.pkg.unit}: it cannot go below zero`,
    };
  const date = input.date?.trim() || localDate(new Date(ctx.nowMs), ctx.timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { reason: `adjustment date "${date}" is not YYYY-MM-DD` };
  const price = await unitPrice(ctx.db, c.site_id, c.label);
  const write: StateWrite = {
    kind: "adjustment",
    label: c.label,
    quantity: round(input.quantity),
    unit: found.pkg.unit,
    reason: reason.name,
    date,
    ...(note ? { note } : {}),
  };
  const quantity = Math.abs(round(input.quantity));
  return { kind: "adjustment", writes: [write], quantity, value: price === null ? null : round(quantity * price) };
}

/** The state system's receipt (by the hub's number) holding this package, with its lines of it. */
async function stateReceipt(db: Db, site: string, externalNumber: string, label: string) {
  const row = await db
    .selectFrom("ss_receipts")
    .select(["lines", "voided"])
    .where("site_id", "=", site)
    .where("external_number", "=", externalNumber)
    .executeTakeFirst();
  if (!row) return undefined;
  const lines = (JSON.parse(row.lines) as StateReceiptLine[]).filter((l) => l.label === label);
  return { lines, voided: Number(row.voided) === 1 };
}

async function receipt(ctx: ProposalContext, input: Extract<ProposalInput, { kind: "receipt" }>): Promise<Planned> {
  const c = ctx.case;
  const writes: StateWrite[] = [];
  let quantity = 0;
  let value = 0;
  const voided = input.voidExternalNumber?.trim();
  if (voided) {
    const r = await stateReceipt(ctx.db, c.site_id, voided, c.label);
    if (!r || r.lines.length === 0)
      return { reason: `the state system holds no receipt ${voided} of package ${c.label}` };
    if (r.voided) return { reason: `receipt ${voided} is voided already` };
    writes.push({ kind: "receipt-void", externalNumber: voided });
    for (const l of r.lines) {
      quantity += Math.abs(l.quantity);
      value += Math.abs(l.totalAmount);
    }
  }
  if (input.quantity !== undefined || input.soldAt) {
    const soldAt = Date.parse(input.soldAt ?? "");
    if (Number.isNaN(soldAt)) return { reason: "give the time of the sale" };
    if (!(Number(input.quantity) > 0)) return { reason: "give the quantity sold, more than zero" };
    if (!(Number(input.total) >= 0)) return { reason: "give the sale's total, in dollars" };
    const found = await findPackage(ctx.db, c.site_id, c.label);
    if (!found) return { reason: `package ${c.label} is not in the ledger: its unit is unknown` };
    writes.push({
      kind: "receipt",
      externalNumber: `INV-${c.id.slice(-12)}-${ctx.earlier + 1}`,
      soldAt: new Date(soldAt).toISOString(),
      customerType: "Consumer",
      lines: [
        { label: c.label, quantity: round(input.quantity!), unit: found.pkg.unit, totalAmount: round(input.total!) },
      ],
    });
    quantity += round(input.quantity!);
    value += round(input.total!);
  }
  if (writes.length === 0) return { reason: "choose the receipt to void, or give the sale to report, or both" };
  return { kind: "receipt", writes, quantity: round(quantity), value: round(value) };
}

/** Works out a proposal, or the reason it cannot be made as given. */
export function planProposal(ctx: ProposalContext, input: ProposalInput): Promise<Planned> {
  return input.kind === "adjustment" ? adjustment(ctx, input) : receipt(ctx, input);
}
