/**
 * FIFO attribution of sale lines that name a SKU but no package (every Flowhub line, SKU-only CSV
 * rows). Flowhub's product and SKU change from batch to batch, so a SKU usually names one
 * package; when several packages share it, the oldest goes first (pos-formats.md, Flowhub).
 *
 * Capacity is each package's quantity in the ledger now: a line goes to the oldest package of its
 * SKU (packaged date, then tag) that still has some left after the lines before it in the file, or
 * to the newest when none has. A voided line is attributed the same way but uses nothing up. A
 * return goes back to the package its sale went to when that sale is in the file, else to the
 * oldest. Every line attributed here is marked `attributed`: it is an estimate, not the POS's word.
 */
import type { DraftLine } from "./sale-line.js";

/** A package of a SKU as attribution sees it. */
export interface FifoPackage {
  label: string;
  /** In the package's unit, as the ledger holds it now. */
  quantity: number;
  /** YYYY-MM-DD. */
  packagedDate: string;
}

interface SkuState {
  order: FifoPackage[];
  left: Map<string, number>;
}

function stateOf(packages: readonly FifoPackage[]): SkuState {
  const order = [...packages].sort(
    (a, b) => a.packagedDate.localeCompare(b.packagedDate) || a.label.localeCompare(b.label),
  );
  return { order, left: new Map(order.map((p) => [p.label, Math.max(0, p.quantity)])) };
}

function oldestWithStock(s: SkuState): string {
  return (s.order.find((p) => (s.left.get(p.label) ?? 0) > 0) ?? s.order[s.order.length - 1]!).label;
}

/** The lines with SKU-only lines attributed to packages (same order as given). */
export function attributeBySku(
  lines: readonly DraftLine[],
  packagesBySku: ReadonlyMap<string, readonly FifoPackage[]>,
): DraftLine[] {
  const states = new Map<string, SkuState>();
  const soldFrom = new Map<string, string>();
  const out = [...lines];
  const todo = out
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.packageLabel === null && l.sku !== null && (packagesBySku.get(l.sku)?.length ?? 0) > 0)
    .sort((a, b) => a.l.completedAt.localeCompare(b.l.completedAt) || a.l.row - b.l.row);
  for (const { l, i } of todo) {
    const sku = l.sku!;
    let s = states.get(sku);
    if (!s) states.set(sku, (s = stateOf(packagesBySku.get(sku)!)));
    let label: string;
    if (l.quantity < 0) {
      label = (l.returnOf && soldFrom.get(`${l.returnOf}\u0000${sku}`)) || s.order[0]!.label;
      if (!l.voided) s.left.set(label, (s.left.get(label) ?? 0) - l.quantity);
    } else {
      label = oldestWithStock(s);
      if (!l.voided) {
        s.left.set(label, (s.left.get(label) ?? 0) - l.quantity);
        soldFrom.set(`${l.receiptId}\u0000${sku}`, label);
      }
    }
    out[i] = { ...l, packageLabel: label, attributed: true };
  }
  return out;
}
