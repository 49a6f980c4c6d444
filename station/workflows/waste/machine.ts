/**
 * Waste at the kiosk, as a pure state machine (no I/O, no clock): pick the package, weigh it
 * (gross − the item's container tare; a count-based item also says how many units), choose the
 * state system's reason (with the note and the waste method where the state requires them), and
 * a second employee witnesses. Each input gives the next state or a refusal in words.
 *
 *   package ─▶ weigh (─▶ units) ─▶ reason ─▶ witness ─▶ done
 */
import type { AdjustmentReasonInfo, Weighing } from "#contract/vault-ops.js";
import { amount, weighed, type VaultPackage } from "../vault-kit/package-info.js";

export interface WasteState {
  wasteId: string | null;
  /** Who is wasting it (signed in when it started). */
  employeeId: string | null;
  pkg: VaultPackage | null;
  weighing: Weighing | null;
  /** Taken out of the package, in its unit: the net weight for weight-based items, the units counted otherwise. */
  quantity: number | null;
  reason: { name: string; note?: string | undefined; method?: string | undefined } | null;
  witness: { id: string; name: string } | null;
  /** Witnessed: the waste event and its label are on their way. */
  done: boolean;
}

export type WasteInput =
  | { kind: "start"; wasteId: string; employeeId: string; pkg: VaultPackage }
  /** A stable gross reading, grams. */
  | { kind: "weight"; grams: number }
  | { kind: "reweigh" }
  /** How many units of a count-based item. */
  | { kind: "units"; units: number }
  | { kind: "reason"; reason: AdjustmentReasonInfo; note?: string | undefined; method?: string | undefined }
  | { kind: "witnessed"; witnessId: string; witnessName: string }
  | { kind: "cancel" }
  /** After a witnessed waste: ready for the next package. */
  | { kind: "next" };

export type WasteStep = "package" | "weigh" | "units" | "reason" | "witness" | "done";

export type WasteResult = { ok: true; state: WasteState } | { ok: false; reason: string };

export const idleWaste: WasteState = {
  wasteId: null,
  employeeId: null,
  pkg: null,
  weighing: null,
  quantity: null,
  reason: null,
  witness: null,
  done: false,
};

/** Where the waste stands. */
export function wasteStep(s: WasteState): WasteStep {
  if (!s.pkg) return "package";
  if (s.done) return "done";
  if (!s.weighing) return "weigh";
  if (s.quantity === null) return "units";
  if (!s.reason) return "reason";
  return "witness";
}

const refuse = (reason: string): WasteResult => ({ ok: false, reason });
const next = (state: WasteState): WasteResult => ({ ok: true, state });

function onWeight(s: WasteState, grams: number): WasteResult {
  const pkg = s.pkg!;
  const w = weighed(pkg, grams);
  if (!(w.netGrams > 0))
    return refuse(`nothing on the scale beyond the container (${grams} g gross, ${pkg.tareGrams} g tare)`);
  if (!pkg.weightBased)
    return next({ ...s, weighing: { grossGrams: grams, tareGrams: pkg.tareGrams, netGrams: w.netGrams } });
  if (w.quantity > pkg.quantity + 0.005)
    return refuse(
      `${amount(w.quantity, pkg.unit)} is more than package ${pkg.label} holds (${amount(pkg.quantity, pkg.unit)})`,
    );
  return next({
    ...s,
    weighing: { grossGrams: grams, tareGrams: pkg.tareGrams, netGrams: w.netGrams },
    quantity: w.quantity,
  });
}

function onReason(s: WasteState, i: Extract<WasteInput, { kind: "reason" }>): WasteResult {
  const note = i.note?.trim() || undefined;
  if (i.reason.requiresNote && !note) return refuse(`"${i.reason.name}" needs a note for the state: say what happened`);
  if (i.reason.requiresWasteWeight && !i.method)
    return refuse(`"${i.reason.name}" needs the waste method: choose how it is made unusable`);
  return next({
    ...s,
    reason: { name: i.reason.name, note, method: i.method },
  });
}

/** Applies one input. */
export function waste(s: WasteState, i: WasteInput): WasteResult {
  const step = wasteStep(s);
  switch (i.kind) {
    case "start":
      if (step !== "package" && step !== "done") return refuse(`finish or cancel the waste of ${s.pkg!.label} first`);
      return next({ ...idleWaste, wasteId: i.wasteId, employeeId: i.employeeId, pkg: i.pkg });
    case "cancel":
      return step === "done" ? refuse("this waste is witnessed and recorded: it cannot be cancelled") : next(idleWaste);
    case "next":
      return step === "done" ? next(idleWaste) : refuse("finish or cancel this waste first");
    case "weight":
      if (step !== "weigh")
        return refuse(step === "package" ? "scan the package to waste first" : "already weighed: tap Weigh again");
      return onWeight(s, i.grams);
    case "reweigh":
      if (step === "package" || step === "done") return refuse("nothing to weigh again");
      return next({ ...s, weighing: null, quantity: null, reason: null });
    case "units":
      if (step !== "units") return refuse("weigh the waste first");
      if (!Number.isInteger(i.units) || i.units < 1) return refuse("the units wasted are a whole number, at least 1");
      if (i.units > s.pkg!.quantity)
        return refuse(`${i.units} is more than package ${s.pkg!.label} holds (${s.pkg!.quantity})`);
      return next({ ...s, quantity: i.units });
    case "reason":
      if (step !== "reason" && step !== "witness") return refuse("weigh the waste before choosing the reason");
      return onReason(s, i);
    case "witnessed":
      if (step !== "witness") return refuse("choose the reason before the witness signs");
      if (i.witnessId === s.employeeId) return refuse("the witness must be a second employee, not the one wasting it");
      return next({ ...s, witness: { id: i.witnessId, name: i.witnessName }, done: true });
  }
}
