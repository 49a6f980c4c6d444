/**
 * New packages from a bulk one at the kiosk, as a pure state machine: pick the source, then for
 * each new package scan a fresh tag and weigh it (gross − the item's container tare) or count it;
 * then weigh or count what is left in the source. What left the source must match the new
 * packages within the scale's tolerance, or the difference needs a reason (waste or adjustment).
 *
 *   source ─▶ (tag ─▶ quantity)… ─▶ remaining ─▶ [difference] ─▶ confirm ─▶ done
 */
import type { AdjustmentReasonInfo, SplitPackage, SplitPayload } from "#contract/vault-ops.js";
import { fromGrams } from "../receive/weight.js";
import { amount, weighed, type VaultPackage } from "../vault-kit/package-info.js";

/** The scale's tolerance on what left the source: the larger of a share of it and a weight (receiving's defaults). */
export const SPLIT_TOLERANCE = { pct: 1, grams: 0.5 } as const;

export interface SplitState {
  splitId: string | null;
  employeeId: string | null;
  source: VaultPackage | null;
  packages: SplitPackage[];
  /** A fresh tag scanned, waiting for its weight or count. */
  pending: string | null;
  /** Adding is over: the source's remainder is weighed or counted next. */
  finishing: boolean;
  /** What is left in the source, in its unit. */
  remaining: number | null;
  difference: NonNullable<SplitPayload["difference"]> | null;
  done: boolean;
}

export type SplitInput =
  | { kind: "start"; splitId: string; employeeId: string; source: VaultPackage }
  /** A scanned tag; `known` when the vault already holds a package with it. */
  | { kind: "tag"; label: string; known: boolean }
  | { kind: "weight"; grams: number }
  | { kind: "count"; units: number }
  | { kind: "finish" }
  | { kind: "empty" }
  | { kind: "difference"; as: "waste" | "adjustment"; reason: AdjustmentReasonInfo; note?: string | undefined }
  | { kind: "confirm" }
  | { kind: "cancel" }
  | { kind: "next" };

export type SplitStep = "source" | "tag" | "quantity" | "remaining" | "difference" | "confirm" | "done";
export type SplitResult = { ok: true; state: SplitState } | { ok: false; reason: string };

export const idleSplit: SplitState = {
  splitId: null,
  employeeId: null,
  source: null,
  packages: [],
  pending: null,
  finishing: false,
  remaining: null,
  difference: null,
  done: false,
};

const round = (n: number) => Math.round(n * 100) / 100;
const refuse = (reason: string): SplitResult => ({ ok: false, reason });
const next = (state: SplitState): SplitResult => ({ ok: true, state });

/** In the new packages so far, in the source's unit. */
export const packed = (s: SplitState) => round(s.packages.reduce((n, p) => n + p.quantity, 0));

/** Left the source but in no new package (negative: more in them than left it), once the remainder is known. */
export function unaccounted(s: SplitState): number | null {
  return s.source && s.remaining !== null ? round(s.source.quantity - s.remaining - packed(s)) : null;
}

/** The allowed difference, in the source's unit: none for counted items. */
export function tolerance(s: SplitState): number {
  const src = s.source;
  if (!src?.weightBased || s.remaining === null) return 0;
  const left = src.quantity - s.remaining;
  return Math.max((SPLIT_TOLERANCE.pct / 100) * left, fromGrams(SPLIT_TOLERANCE.grams, src.unit) ?? 0);
}

export function splitStep(s: SplitState): SplitStep {
  if (!s.source) return "source";
  if (s.done) return "done";
  if (s.pending) return "quantity";
  if (!s.finishing) return "tag";
  if (s.remaining === null) return "remaining";
  if (Math.abs(unaccounted(s)!) > tolerance(s) + 1e-9 && !s.difference) return "difference";
  return "confirm";
}

/** A weight or a count for the pending package or the remainder. */
function quantityOf(
  s: SplitState,
  i: Extract<SplitInput, { kind: "weight" | "count" }>,
): { q: number; pkg?: SplitPackage } | string {
  const src = s.source!;
  if (i.kind === "count") {
    if (src.weightBased) return `${src.itemName} is weighed, not counted: put it on the scale`;
    if (!Number.isInteger(i.units) || i.units < 0) return "a count is a whole number";
    return { q: i.units };
  }
  if (!src.weightBased) return `${src.itemName} is counted: type how many units`;
  const w = weighed(src, i.grams);
  if (w.netGrams < 0) return `less on the scale than its container (${i.grams} g gross, ${src.tareGrams} g tare)`;
  return {
    q: w.quantity,
    pkg: {
      label: "",
      quantity: w.quantity,
      method: "weight",
      weighing: { grossGrams: w.grossGrams, tareGrams: w.tareGrams, netGrams: w.netGrams },
    },
  };
}

function onQuantity(s: SplitState, i: Extract<SplitInput, { kind: "weight" | "count" }>): SplitResult {
  const step = splitStep(s);
  if (step !== "quantity" && step !== "remaining")
    return refuse(step === "tag" ? "scan a fresh tag for the next package first" : "nothing to weigh now");
  const r = quantityOf(s, i);
  if (typeof r === "string") return refuse(r);
  const src = s.source!;
  if (step === "remaining") {
    if (r.q > src.quantity - packed(s) + tolerance({ ...s, remaining: r.q }) + 1e-9)
      return refuse(
        `${amount(r.q, src.unit)} left is more than the source can still hold (${amount(src.quantity - packed(s), src.unit)})`,
      );
    return next({ ...s, remaining: r.q });
  }
  if (!(r.q > 0)) return refuse("a new package holds something: weigh it with its contents");
  if (packed(s) + r.q > src.quantity + 1e-9)
    return refuse(
      `${amount(packed(s) + r.q, src.unit)} is more than source ${src.label} holds (${amount(src.quantity, src.unit)})`,
    );
  const pkg: SplitPackage = r.pkg
    ? { ...r.pkg, label: s.pending! }
    : { label: s.pending!, quantity: r.q, method: "count" };
  return next({ ...s, packages: [...s.packages, pkg], pending: null });
}

function onTag(s: SplitState, i: Extract<SplitInput, { kind: "tag" }>): SplitResult {
  const step = splitStep(s);
  if (step === "quantity") return refuse(`weigh or count package ${s.pending} before the next tag`);
  if (step !== "tag") return refuse("adding new packages is over: weigh what is left in the source");
  if (i.label === s.source!.label) return refuse("that is the source's own tag: scan a fresh tag for the new package");
  if (i.known || s.packages.some((p) => p.label === i.label))
    return refuse(`tag ${i.label} is already a package: scan a fresh, unused tag`);
  if (s.packages.length >= 100) return refuse("at most 100 new packages in one split");
  return next({ ...s, pending: i.label });
}

export function split(s: SplitState, i: SplitInput): SplitResult {
  const step = splitStep(s);
  switch (i.kind) {
    case "start":
      if (step !== "source" && step !== "done") return refuse(`finish or cancel the split of ${s.source!.label} first`);
      if (!(i.source.status === "active"))
        return refuse(`source ${i.source.label} is ${i.source.status}: only active packages are split`);
      return next({ ...idleSplit, splitId: i.splitId, employeeId: i.employeeId, source: i.source });
    case "tag":
      return onTag(s, i);
    case "weight":
    case "count":
      return onQuantity(s, i);
    case "finish":
      if (step !== "tag")
        return refuse(step === "quantity" ? `weigh or count package ${s.pending} first` : "nothing to finish");
      if (s.packages.length === 0) return refuse("scan a fresh tag and weigh at least one new package first");
      return next({ ...s, finishing: true });
    case "empty":
      return step === "remaining" ? next({ ...s, remaining: 0 }) : refuse("weigh the new packages first");
    case "difference":
      if (step !== "difference") return refuse("the new packages match what left the source: no difference to record");
      if (i.reason.requiresNote && !i.note?.trim()) return refuse(`"${i.reason.name}" needs a note for the state`);
      return next({
        ...s,
        difference: {
          quantity: unaccounted(s)!,
          kind: i.as,
          reason: i.reason.name,
          ...(i.note?.trim() ? { note: i.note.trim() } : {}),
        },
      });
    case "confirm":
      return step === "confirm"
        ? next({ ...s, done: true })
        : refuse(step === "difference" ? "say why the weights differ first" : "not ready to record");
    case "cancel":
      return step === "done" ? refuse("this split is recorded: it cannot be cancelled") : next(idleSplit);
    case "next":
      return step === "done" ? next(idleSplit) : refuse("finish or cancel this split first");
  }
}
