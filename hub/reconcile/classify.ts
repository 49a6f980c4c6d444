/**
 * The differences of one site's business day, from the facts its sources gave (facts.ts), without
 * I/O. Sales are compared per package: a tag the state system does not know is `unknown-tag` and
 * nothing else; sold in one source only is `sold-not-reported` / `reported-not-sold`; in both with
 * other units `unit-mismatch`, else with other quantities `quantity-mismatch`. On-hand, receiving
 * and sales while unsellable each add their own lines; a label has at most one line per class.
 */
import type { VarianceClass } from "#hub/modules.js";
import { CLASS_ORDER, type DayFacts, type DiffLine, type NetByLabel } from "./facts.js";
import { fixes } from "./fixes.js";
import { likelyIntended } from "./near-tag.js";

/** Quantities closer than this are the same (floating-point noise), in the line's unit. */
const SAME = 1e-6;

/**
 * How far a count may be from the books before it is a difference: exact for pieces, half a
 * percent of the book figure (at least 0.01) for what is weighed, where the scale's accuracy is the limit.
 */
export function countTolerance(book: number, unit: string): number {
  return unit === "Each" ? SAME : Math.max(0.01, Math.abs(book) * 0.005);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The units a label was sold in, with a quantity other than zero. */
function soldUnits(net: NetByLabel, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [unit, n] of net.get(label) ?? []) if (Math.abs(n) > SAME) out.set(unit, round(n));
  return out;
}

const total = (m: Map<string, number>) => (m.size === 0 ? null : round([...m.values()].reduce((a, b) => a + b, 0)));
const units = (m: Map<string, number>) => [...m.keys()].sort().join(" + ");

/** A line before the run fills in the ledger's and the count's figures it lacks. */
export type DraftLine = Omit<DiffLine, "ledger" | "physical"> & Partial<Pick<DiffLine, "ledger" | "physical">>;

function salesLine(facts: DayFacts, label: string): DraftLine | undefined {
  const pos = soldUnits(facts.pos, label);
  const state = soldUnits(facts.state, label);
  const figures = { label, pos: total(pos), state: total(state) };
  if (facts.unknownSold.has(label) && pos.size > 0)
    return { ...figures, class: "unknown-tag", fix: fixes.unknownTag(likelyIntended(label, facts.activeLabels)) };
  if (pos.size === 0 && state.size === 0) return undefined;
  if (state.size === 0)
    return { ...figures, class: "sold-not-reported", fix: fixes.soldNotReported(figures.pos!, units(pos)) };
  if (pos.size === 0)
    return { ...figures, class: "reported-not-sold", fix: fixes.reportedNotSold(figures.state!, units(state)) };
  if (units(pos) !== units(state))
    return { ...figures, class: "unit-mismatch", fix: fixes.unitMismatch(units(pos), units(state)) };
  for (const [unit, n] of pos)
    if (Math.abs(n - (state.get(unit) ?? 0)) > SAME)
      return { ...figures, class: "quantity-mismatch", fix: fixes.quantityMismatch(n, state.get(unit) ?? 0, unit) };
  return undefined;
}

function salesLines(facts: DayFacts): DraftLine[] {
  const labels = new Set([...facts.pos.keys(), ...facts.state.keys()]);
  return [...labels].flatMap((label) => salesLine(facts, label) ?? []);
}

function onHandLines(facts: DayFacts): DraftLine[] {
  const bare = { pos: null, state: null };
  return [
    ...facts.unknownVault.map((p): DraftLine => ({
      ...bare,
      label: p.label,
      class: "unknown-tag",
      ledger: p.ledger,
      fix: fixes.unknownTag(likelyIntended(p.label, facts.activeLabels)),
    })),
    ...facts.notInVault.map((p): DraftLine => ({
      ...bare,
      label: p.label,
      class: "not-in-vault",
      ledger: p.ledger,
      fix: fixes.notInVault(),
    })),
    ...facts.notInState.map((p): DraftLine => ({
      ...bare,
      label: p.label,
      class: "not-in-state",
      ledger: p.ledger,
      fix: fixes.notInState(),
    })),
    ...facts.physical.flatMap((p): DraftLine[] => {
      const off = p.counted - p.book;
      if (Math.abs(off) <= countTolerance(p.book, p.unit)) return [];
      const figures = { ...bare, label: p.label, ledger: round(p.book), physical: round(p.counted) };
      return off < 0
        ? [{ ...figures, class: "physical-short", fix: fixes.physicalShort(p.counted, p.book, p.unit) }]
        : [{ ...figures, class: "physical-over", fix: fixes.physicalOver(p.counted, p.book, p.unit) }];
    }),
  ];
}

function otherLines(facts: DayFacts): DraftLine[] {
  const bare = { pos: null, state: null };
  return [
    ...facts.receiving.flatMap((r): DraftLine[] =>
      r.shippedUnit === r.receivedUnit && Math.abs(r.shipped - r.received) <= SAME
        ? []
        : [
            {
              ...bare,
              label: r.label,
              class: "receiving-mismatch",
              ledger: round(r.received),
              fix: fixes.receivingMismatch(
                r.manifest,
                `${r.shipped} ${r.shippedUnit}`,
                `${r.received} ${r.receivedUnit}`,
              ),
            },
          ],
    ),
    ...facts.unsellable.map((s): DraftLine => ({
      label: s.label,
      class: "sold-while-unsellable",
      pos: total(soldUnits(facts.pos, s.label)) ?? round(s.quantity),
      state: total(soldUnits(facts.state, s.label)),
      fix: fixes.soldWhileUnsellable(s.why),
    })),
  ];
}

const rank = new Map<VarianceClass, number>(CLASS_ORDER.map((c, i) => [c, i]));

/**
 * The day's differences, one per label and class, in class order then label. `ledger` and
 * `physical` stay null where the facts do not carry them (the run fills them in from the ledger and the counts).
 */
export function classifyDay(facts: DayFacts): DraftLine[] {
  const seen = new Set<string>();
  return [...salesLines(facts), ...onHandLines(facts), ...otherLines(facts)]
    .filter((l) => {
      const key = `${l.class}\u0000${l.label}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => rank.get(a.class)! - rank.get(b.class)! || a.label.localeCompare(b.label));
}

/** `{CLASS: count}` with every class named, in class order. */
export function summarize(lines: readonly Pick<DiffLine, "class">[]): Record<VarianceClass, number> {
  const out = Object.fromEntries(CLASS_ORDER.map((c) => [c, 0])) as Record<VarianceClass, number>;
  for (const l of lines) out[l.class]++;
  return out;
}
