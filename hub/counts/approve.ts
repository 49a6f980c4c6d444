/**
 * The manager's approval of a counted count. Each line's difference (counted − expected when it
 * was counted) becomes, as the manager decided:
 *
 *   adjust       the package's quantity moves by the difference through the ledger
 *                (recordPackageChanges, source "count", the state system's adjustment reason), and an
 *                adjustment is queued to the state system once that committed
 *   investigate  a case (class physical-short / physical-over) in hub/investigations
 *
 * A package found that the ledger does not hold can only be investigated. The count's
 * inventory record accuracy (lines within tolerance ÷ lines counted) is kept with it.
 */
import type { InvestigationsService, Variance } from "#hub/modules.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { recordPackageChanges, type PackageChange } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { CountLinesTable } from "./tables.js";

export type Decision = "adjust" | "investigate";

export interface ApproveRequest {
  countId: string;
  /** Employee id of the approving manager. */
  by: string;
  /** The state system's adjustment reason for the adjusted lines. */
  reason: string;
  /** Per label; a line left out takes its default (within tolerance: adjust, else investigate). */
  decisions: Readonly<Record<string, Decision>>;
  note?: string | undefined;
}

export type ApproveOutcome =
  | { ok: true; adjusted: string[]; investigated: string[]; accuracy: number }
  | { ok: false; status: 404 | 409 | 422; reason: string };

const NOISE = 1e-6;

/** Counted − expected, or null when nothing was expected (a package the count did not list). */
export function differenceOf(l: Pick<CountLinesTable, "counted" | "expected">): number | null {
  if (l.counted === null || l.expected === null) return null;
  return Math.round((Number(l.counted) - Number(l.expected)) * 1e6) / 1e6;
}

/** What the line becomes when the manager did not say: nothing without a difference, else by its verdict. */
export function defaultDecision(l: CountLinesTable): Decision | "none" {
  const d = differenceOf(l);
  if (Number(l.unexpected) === 1) return "investigate";
  if (d === null || Math.abs(d) <= NOISE) return "none";
  return Number(l.within_tolerance) === 1 ? "adjust" : "investigate";
}

function decide(l: CountLinesTable, asked: Decision | undefined, current: number | undefined): Decision | "none" {
  const fallback = defaultDecision(l);
  if (fallback === "none") return "none";
  if (Number(l.unexpected) === 1 || current === undefined) return "investigate";
  const choice = asked ?? fallback;
  // A difference the package does not hold (sold down since) cannot be taken off it: investigate.
  if (choice === "adjust" && current + (differenceOf(l) ?? 0) < -NOISE) return "investigate";
  return choice;
}

/** Inventory record accuracy: lines within tolerance ÷ lines counted (1 when nothing was counted). */
export function accuracyOf(
  lines: readonly Pick<CountLinesTable, "counted" | "within_tolerance" | "unexpected">[],
): number {
  const counted = lines.filter((l) => l.counted !== null);
  if (counted.length === 0) return 1;
  return counted.filter((l) => Number(l.within_tolerance) === 1).length / counted.length;
}

interface Planned {
  line: CountLinesTable;
  decision: Decision | "none";
  current: number | undefined;
}

function changeOf(site: string, p: Planned, req: ApproveRequest, at: string): PackageChange {
  const d = differenceOf(p.line)!;
  return {
    label: p.line.label,
    to: { quantity: Math.round((p.current! + d) * 1e6) / 1e6 },
    at,
    why: "count.approved",
    by: { actor: req.by, employeeId: req.by },
    source: { kind: "count", ref: req.countId },
    adjustment: {
      reason: req.reason,
      note:
        req.note || `Cycle count ${req.countId}: counted ${p.line.counted}, expected ${p.line.expected} ${p.line.unit}`,
    },
    audit: {
      action: "count.adjustment.approved",
      detail: { site, countId: req.countId, counted: p.line.counted, expected: p.line.expected, difference: d },
    },
  };
}

/** The variance an investigated line opens. */
export function varianceOf(
  site: string,
  businessDay: string,
  countId: string,
  l: CountLinesTable,
  ledger: number | null,
): Variance {
  const d = differenceOf(l);
  const over = d === null ? true : d > 0;
  return {
    site,
    businessDay,
    label: l.label,
    class: over ? "physical-over" : "physical-short",
    pos: null,
    state: null,
    ledger: l.expected === null ? ledger : Number(l.expected),
    physical: l.counted === null ? null : Number(l.counted),
    fix: over
      ? "Find where the extra came from (an unrecorded transfer or a mislabel), then adjust up with the state's reason or correct the tag."
      : "Look for the missing units (another shelf, the sales floor, an unrecorded sale or waste), then adjust down with the state's reason.",
    source: { kind: "count", ref: countId },
  };
}

/** Approves a count in review (see the file's head). The caller queues the adjustments once this resolves. */
export async function approveCount(
  deps: { db: Db; site: string; investigations?: InvestigationsService | undefined; now: string },
  req: ApproveRequest,
): Promise<ApproveOutcome> {
  const { db, site } = deps;
  const session = await db
    .selectFrom("count_sessions")
    .selectAll()
    .where("site_id", "=", site)
    .where("id", "=", req.countId)
    .executeTakeFirst();
  if (!session) return { ok: false, status: 404, reason: `no count ${req.countId} at site ${site}` };
  if (session.status !== "review")
    return {
      ok: false,
      status: 409,
      reason: `count ${req.countId} is ${session.status}: only a counted count in review can be approved`,
    };
  const lines = await db
    .selectFrom("count_lines")
    .selectAll()
    .where("site_id", "=", site)
    .where("count_id", "=", req.countId)
    .execute();
  const stock = await db
    .selectFrom("packages")
    .select(["label", "quantity"])
    .where("site_id", "=", site)
    .where("label", "in", lines.length ? lines.map((l) => l.label) : [""])
    .execute();
  const current = new Map(stock.map((s) => [s.label, Number(s.quantity)]));
  const plans: Planned[] = lines.map((line) => {
    const now = current.get(line.label);
    return { line, current: now, decision: decide(line, req.decisions[line.label], now) };
  });
  const adjust = plans.filter((p) => p.decision === "adjust");
  if (adjust.length > 0 && !req.reason.trim())
    return { ok: false, status: 422, reason: "choose the state system's adjustment reason for the adjusted lines" };
  const investigate = plans.filter((p) => p.decision === "investigate");
  const cases =
    investigate.length && deps.investigations
      ? await deps.investigations.open(
          investigate.map((p) => varianceOf(site, session.business_day, req.countId, p.line, p.current ?? null)),
          req.by,
        )
      : [];
  const accuracy = accuracyOf(lines);
  await inTransaction(db, async (trx) => {
    const recorded = await recordPackageChanges(
      trx,
      site,
      adjust.map((p) => changeOf(site, p, req, deps.now)),
      { recordedAt: deps.now },
    );
    for (const p of plans) {
      const set = {
        decision: p.decision,
        adjustment_id: p.decision === "adjust" ? (recorded[adjust.indexOf(p)]?.adjustmentId ?? null) : null,
        case_id: p.decision === "investigate" ? (cases[investigate.indexOf(p)]?.caseId ?? null) : null,
      };
      await trx
        .updateTable("count_lines")
        .set(set)
        .where("site_id", "=", site)
        .where("count_id", "=", req.countId)
        .where("label", "=", p.line.label)
        .execute();
    }
    await trx
      .updateTable("count_sessions")
      .set({ status: "approved", approved_by: req.by, approved_at: deps.now, accuracy, updated_at: deps.now })
      .where("site_id", "=", site)
      .where("id", "=", req.countId)
      .execute();
    await appendAuditIn(trx, {
      at: deps.now,
      actor: req.by,
      action: "count.approved",
      subject: `count ${req.countId}`,
      detail: {
        site,
        reason: req.reason,
        accuracy,
        adjusted: adjust.map((p) => p.line.label),
        investigated: investigate.map((p) => p.line.label),
        cases: cases.map((c) => c.caseId),
      },
    });
  });
  return {
    ok: true,
    adjusted: adjust.map((p) => p.line.label),
    investigated: investigate.map((p) => p.line.label),
    accuracy,
  };
}
