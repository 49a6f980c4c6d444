/**
 * The weighing steps of receiving: a stable reading for the line waiting to be weighed, weighing
 * again, and the container the package is weighed in (named, with its tare, before weighing; a
 * change after weighing recomputes the net from the same gross). Pure, like machine.ts.
 */
import { same, withLine } from "./step-kit.js";
import type { LineProgress, ReceiveInput, ReceiveRules, ReceiveStep, ReceivingState } from "./state.js";
import { checkWeight, profileContainer, type Container } from "./weight.js";

/** The line a stable reading belongs to: the current one, scanned, weight-based, not yet weighed. */
function awaitingWeight(s: ReceivingState): LineProgress | undefined {
  const p = s.current ? s.lines[s.current] : undefined;
  if (!p?.line?.weightBased || p.scans === 0 || p.weight || p.decision) return undefined;
  return p;
}

export function onWeight(
  s: ReceivingState,
  input: Extract<ReceiveInput, { type: "weight" }>,
  rules: ReceiveRules,
): ReceiveStep {
  // Only a settled reading counts, and only once the last weighed package was taken off:
  // otherwise the next scanned package would take over the previous package's weight.
  if (!input.stable || input.grams <= rules.emptyBelowGrams)
    return s.scaleClear ? same(s) : { state: { ...s, scaleClear: true }, effects: [], changed: true };
  const p = awaitingWeight(s);
  if (!p?.line || !s.scaleClear) return same(s);
  const weight = {
    ...checkWeight(p.line, input.grams, rules.tolerance, p.container ?? profileContainer(p.line)),
    at: input.at,
  };
  return {
    state: withLine(s, { ...p, weight }, { scaleClear: false }),
    effects: [{ type: "publish-weight", label: p.label, grossGrams: weight.grossGrams, netGrams: weight.netGrams }],
    changed: true,
  };
}

export function onReweigh(s: ReceivingState, label: string): ReceiveStep {
  const p = s.lines[label];
  if (!p?.line?.weightBased) return same(s, "This package is not weighed");
  if (p.decision) return same(s, "Decided already: change the decision first");
  const { weight: _dropped, ...rest } = p;
  return { state: withLine(s, rest, { current: label, scaleClear: true }), effects: [], changed: true };
}

/** The container the package is weighed in, chosen on the kiosk before (or after) weighing. */
export function onContainer(s: ReceivingState, label: string, container: Container, rules: ReceiveRules): ReceiveStep {
  const p = s.lines[label];
  if (!p?.line?.weightBased) return same(s, "This package is not weighed");
  if (p.decision) return same(s, "Decided already: change the decision first");
  const weight = p.weight
    ? { ...checkWeight(p.line, p.weight.grossGrams, rules.tolerance, container), at: p.weight.at }
    : undefined;
  return {
    state: withLine(s, { ...p, container, ...(weight ? { weight } : {}) }, { current: label }),
    effects: [],
    changed: true,
  };
}
