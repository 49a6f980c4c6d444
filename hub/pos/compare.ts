/**
 * A line read again against the one stored: the same (nothing to do), now voided (the void
 * lands), or different (the file is refused: a POS line's facts do not change after the sale).
 * Voids are final in every POS, so a file from before a void still matches the voided line, and
 * a FIFO attribution made before stays (its SKU is compared, not the package chosen).
 */
import type { SaleLine } from "./sale-line.js";
import type { StoredLine } from "./store.js";

export type Comparison = { kind: "same" } | { kind: "voided-now" } | { kind: "differs"; reason: string };

const money = (n: number) => Math.round(n * 100);

function differences(line: SaleLine, stored: StoredLine, site: string): string[] {
  const d: string[] = [];
  const was = (what: string, before: unknown, now: unknown) =>
    d.push(`${what} ${JSON.stringify(before)}, this file says ${JSON.stringify(now)}`);
  if (stored.site_id !== site) was("site", stored.site_id, site);
  if (stored.completed_at !== line.completedAt) was("completed at", stored.completed_at, line.completedAt);
  if (Number(stored.attributed) === 1 || line.attributed) {
    if (stored.sku !== line.sku) was("SKU", stored.sku, line.sku);
  } else if (stored.package_label !== line.packageLabel) was("package", stored.package_label, line.packageLabel);
  if (Math.abs(Number(stored.quantity) - line.quantity) > 1e-9) was("quantity", Number(stored.quantity), line.quantity);
  if (stored.unit !== line.unit) was("unit", stored.unit, line.unit);
  if (money(Number(stored.total)) !== money(line.total)) was("total", Number(stored.total), line.total);
  if ((stored.return_of ?? null) !== (line.returnOf ?? null))
    was("returned sale", stored.return_of, line.returnOf ?? null);
  return d;
}

/** How `line` stands against the stored line with the same key. */
export function compareLine(line: SaleLine, stored: StoredLine, site: string): Comparison {
  const d = differences(line, stored, site);
  if (d.length > 0)
    return {
      kind: "differs",
      reason: `receipt ${line.receiptId} line ${line.lineId} was imported before with ${d.join("; ")}`,
    };
  return line.voided && Number(stored.voided) === 0 ? { kind: "voided-now" } : { kind: "same" };
}
