/**
 * The simulator's write endpoints, with METRC's validation. Each request body is an array;
 * every row is checked first and nothing is applied unless all rows pass, in which case
 * METRC answers 400 with `[{row, message}]` (row = 0-based index in the array).
 */
import { UNITS, type SimPackage } from "./model.js";
import type { SimState } from "./state.js";

/** One entry of METRC's 400 body: the 0-based row and what is wrong with it. */
export interface RowError {
  row: number;
  message: string;
}

/** Applied (with the new ids) or refused row by row. */
export type WriteResult = { ok: true; ids: number[] } | { ok: false; errors: RowError[] };

/** One row of a write body, as sent. */
export type Row = Record<string, unknown>;

export function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** Checks every row, and applies them all only when none failed. */
export function validated<T>(
  rows: Row[],
  check: (r: Row, i: number) => T | string,
  apply: (v: T[]) => number[],
): WriteResult {
  const errors: RowError[] = [];
  const ok: T[] = [];
  rows.forEach((r, i) => {
    const v = check(r, i);
    if (typeof v === "string") errors.push({ row: i, message: v });
    else ok.push(v);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ids: apply(ok) };
}

/** The active (not finished) package a row names, or why not. */
export function activePackage(state: SimState, label: unknown): SimPackage | string {
  const l = str(label);
  if (!l) return "Label is required.";
  const pkg = state.packages.get(l);
  if (!pkg) return `Package ${l} is not available.`;
  if (pkg.finishedDate) return `Package ${l} is finished and cannot be changed.`;
  return pkg;
}

/** POST /packages/v2/adjust */
export function adjust(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const pkg = activePackage(state, r.Label);
      if (typeof pkg === "string") return pkg;
      const qty = r.Quantity;
      if (typeof qty !== "number" || !Number.isFinite(qty)) return "Quantity must be a number.";
      const unit = str(r.UnitOfMeasure);
      const target = UNITS[pkg.unit];
      const given = unit ? UNITS[unit] : undefined;
      if (!unit || !given) return `Unit of measure ${unit ?? "(none)"} is not valid.`;
      if (!target || given.type !== target.type)
        return `Unit of measure ${unit} does not match package ${pkg.label}, which is measured in ${pkg.unit}.`;
      const reason = state.reasons.find((x) => x.name.toLowerCase() === String(r.AdjustmentReason ?? "").toLowerCase());
      if (!reason) return `Adjustment reason ${String(r.AdjustmentReason ?? "(none)")} is not valid.`;
      const note = str(r.ReasonNote);
      if (reason.requiresNote && !note) return `A reason note is required for adjustment reason ${reason.name}.`;
      const date = str(r.AdjustmentDate);
      if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return "AdjustmentDate is required (YYYY-MM-DD).";
      const delta = (qty * given.toBase) / target.toBase;
      if (pkg.quantity + delta < -1e-9)
        return `Package ${pkg.label} would have a quantity below zero (${pkg.quantity} ${pkg.unit} on hand, adjustment ${qty} ${unit}).`;
      return { pkg, delta, qty, unit, reason: reason.name, note, date: date.slice(0, 10) };
    },
    (rows) =>
      rows.map((v) => {
        v.pkg.quantity = Math.round((v.pkg.quantity + v.delta) * 1e6) / 1e6;
        state.touch(v.pkg);
        state.adjustments.push({
          packageId: v.pkg.id,
          label: v.pkg.label,
          quantity: v.qty,
          unit: v.unit,
          reason: v.reason,
          note: v.note,
          date: v.date,
          recordedAt: state.clock.now(),
        });
        return state.adjustments.length;
      }),
  );
}

/** PUT /packages/v2/location */
export function changeLocation(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const pkg = activePackage(state, r.Label);
      if (typeof pkg === "string") return pkg;
      const loc = str(r.Location);
      if (!loc || !state.locations.has(loc.toLowerCase()))
        return `Location ${loc ?? "(none)"} is not valid for this facility.`;
      return { pkg, loc: state.locations.get(loc.toLowerCase())!.name };
    },
    (rows) => rows.map((v) => ((v.pkg.location = v.loc), state.touch(v.pkg), v.pkg.id)),
  );
}

/** PUT /packages/v2/note — the label field is `PackageLabel` here. */
export function changeNote(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const pkg = activePackage(state, r.PackageLabel);
      if (typeof pkg === "string") return pkg;
      if (typeof r.Note !== "string") return "Note is required.";
      return { pkg, note: r.Note };
    },
    (rows) => rows.map((v) => ((v.pkg.note = v.note), state.touch(v.pkg), v.pkg.id)),
  );
}

/** PUT /packages/v2/finish — only an empty package can be finished. */
export function finish(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const pkg = activePackage(state, r.Label);
      if (typeof pkg === "string") return pkg;
      if (Math.abs(pkg.quantity) > 1e-9)
        return `Package ${pkg.label} cannot be finished while it holds ${pkg.quantity} ${pkg.unit}.`;
      const date = str(r.ActualDate);
      if (!date) return "ActualDate is required.";
      return { pkg, date: date.slice(0, 10) };
    },
    (rows) => rows.map((v) => ((v.pkg.finishedDate = v.date), state.touch(v.pkg), v.pkg.id)),
  );
}

/** PUT /packages/v2/unfinish */
export function unfinish(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const l = str(r.Label);
      const pkg = l ? state.packages.get(l) : undefined;
      if (!pkg) return `Package ${l ?? "(none)"} is not available.`;
      if (!pkg.finishedDate) return `Package ${pkg.label} is not finished.`;
      return pkg;
    },
    (rows) => rows.map((p) => ((p.finishedDate = null), state.touch(p), p.id)),
  );
}

/** POST /sales/v2/receipts — each transaction takes its quantity out of the package. */
export function createReceipts(state: SimState, rows: Row[]): WriteResult {
  return validated(
    rows,
    (r) => {
      const when = str(r.SalesDateTime);
      // METRC wants local facility time without an offset.
      if (!when || /(Z|[+-]\d{2}:?\d{2})$/.test(when))
        return "SalesDateTime must be the facility's local date and time, without a time zone.";
      const ext = str(r.ExternalReceiptNumber);
      if (ext && state.receiptByExternal(ext)) return `A receipt with external number ${ext} already exists.`;
      const tx = Array.isArray(r.Transactions) ? (r.Transactions as Row[]) : [];
      if (tx.length === 0) return "A receipt needs at least one transaction.";
      const lines = [];
      for (const t of tx) {
        const pkg = activePackage(state, t.PackageLabel);
        if (typeof pkg === "string") return pkg;
        const q = t.Quantity;
        const unit = str(t.UnitOfMeasure);
        if (typeof q !== "number" || q <= 0) return `Quantity for package ${pkg.label} must be above zero.`;
        if (unit !== pkg.unit)
          return `Unit of measure ${unit ?? "(none)"} does not match package ${pkg.label}, which is measured in ${pkg.unit}.`;
        if (pkg.quantity - q < -1e-9) return `Package ${pkg.label} would have a quantity below zero.`;
        lines.push({
          pkg,
          label: pkg.label,
          quantity: q,
          unit,
          totalAmount: typeof t.TotalAmount === "number" ? t.TotalAmount : 0,
        });
      }
      return { when, ext, customer: str(r.SalesCustomerType) ?? "Consumer", lines };
    },
    (rows) =>
      rows.map((v) => {
        const now = state.clock.now();
        for (const l of v.lines) {
          l.pkg.quantity = Math.round((l.pkg.quantity - l.quantity) * 1e6) / 1e6;
          state.touch(l.pkg);
        }
        const id = state.id();
        state.receipts.set(id, {
          id,
          externalNumber: v.ext,
          salesDateTime: v.when,
          customerType: v.customer,
          isFinal: false,
          archivedAt: null,
          recordedAt: now,
          lastModified: now,
          lines: v.lines.map(({ label, quantity, unit, totalAmount }) => ({ label, quantity, unit, totalAmount })),
        });
        return id;
      }),
  );
}
