/** One benchmark's figures, printed as rows of one table by `npm run bench`. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** The budget from design.md, in words, e.g. "≤ 25 ms" or "≥ 0.5× baseline". */
  goal?: string;
  /** Whether the figure meets the goal; undefined where there is no goal. */
  ok?: boolean;
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString("en-US");
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function renderTable(rows: BenchRow[]): string {
  const head = ["bench", "metric", "value", "unit", "goal", "ok"];
  const body = rows.map((r) => [
    r.bench,
    r.metric,
    fmt(r.value),
    r.unit,
    r.goal ?? "",
    r.ok === undefined ? "" : r.ok ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

/** Median and percentiles over a sample, nearest-rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
