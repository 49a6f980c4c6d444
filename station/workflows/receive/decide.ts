/**
 * One line's decision: accept, accept with a corrected quantity, or reject with a reason.
 * Accepting needs a scan, a passing lab state and COA, and (for weighed goods) a weight within
 * tolerance; anything rejected or unexpected goes to quarantine, never into sellable stock.
 */
import type { LineDecision, RejectReason } from "#contract/receiving.js";
import { acceptBlock } from "./rules.js";
import type { DecideInput, LineProgress, ReceiveRules, ReceiveStep, ReceivingState } from "./state.js";
import { describeTare, describeWeight, fromGrams } from "./weight.js";

export type { DecideInput } from "./state.js";

type Refusal = { refused: string; confirm?: true };

const refuse = (state: ReceivingState, r: Refusal): ReceiveStep => ({ state, effects: [], changed: false, ...r });

/** Why this line cannot be accepted now, or null. */
function acceptRefusal(p: LineProgress, d: DecideInput): string | null {
  if (!p.line) return "A package that is not on the manifest can only be rejected to quarantine";
  if (p.scans === 0) return "Scan the package before accepting it";
  const block = acceptBlock(p.line);
  if (block) return `${block.text}: it cannot be accepted`;
  if (p.line.weightBased && !p.weight) return "Weigh the package first: put it on the scale";
  if (d.decision === "accept" && p.weight && p.weight.verdict !== "ok" && p.weight.verdict !== "uncomparable") {
    return `Weight is ${p.weight.verdict}: ${describeWeight(p.weight)}. Accept the weighed quantity or reject`;
  }
  if (!d.placement) return "No vault shelf chosen for this package";
  return null;
}

/**
 * A corrected quantity within reason: never above what was shipped (a typo such as 5000 for 50
 * would put stock into the ledger that METRC never shipped), and one far below it only once the
 * coordinator confirmed it.
 */
function correctedRefusal(
  q: number,
  line: NonNullable<LineProgress["line"]>,
  d: DecideInput,
  rules: ReceiveRules,
): Refusal | null {
  if (rules.confirmBelowPct === undefined) return null;
  const shipped = `${line.quantity} ${line.unit}`;
  if (q > line.quantity)
    return {
      refused: `${q} ${line.unit} is more than the ${shipped} shipped: count or weigh it again, or reject the package`,
    };
  if (!d.confirmed && q < (line.quantity * rules.confirmBelowPct) / 100) {
    return { refused: `Only ${q} ${line.unit} of the ${shipped} shipped: accept ${q} ${line.unit}?`, confirm: true };
  }
  return null;
}

/** Quantity received: the corrected one, the net weight, or what was shipped. */
function receivedQuantity(p: LineProgress, d: DecideInput, rules: ReceiveRules): number | Refusal {
  const line = p.line;
  if (!line) return 0;
  if (d.decision === "accept-corrected") {
    const q = d.quantity ?? (p.weight ? fromGrams(p.weight.netGrams, line.unit) : undefined);
    if (q === undefined || !Number.isFinite(q) || q <= 0)
      return { refused: "Enter the quantity received (more than 0)" };
    return correctedRefusal(q, line, d, rules) ?? q;
  }
  if (d.decision === "reject")
    return p.weight ? (fromGrams(p.weight.netGrams, line.unit) ?? line.quantity) : p.scans > 0 ? line.quantity : 0;
  return line.quantity;
}

function buildDecision(p: LineProgress, d: DecideInput, quantity: number, rules: ReceiveRules): LineDecision | Refusal {
  const reject = d.decision === "reject";
  if (reject && !d.reason) return { refused: "Choose why the package is rejected" };
  // The tare taken off goes into the note: a net weight is only as good as the container it assumed.
  const weighed = p.weight ? `${describeWeight(p.weight)}, ${describeTare(p.weight)}` : undefined;
  const notes = [d.note?.trim(), weighed, reject ? undefined : d.placement?.text].filter((x) => x);
  const decision: LineDecision = {
    label: p.label,
    decision: d.decision,
    receivedQuantity: quantity,
    unit: p.line?.unit ?? "Each",
    location: reject ? rules.quarantineLocation : d.placement!.location,
    ...(reject ? { reason: d.reason } : {}),
    ...(notes.length > 0 ? { note: notes.join("; ").slice(0, 500) } : {}),
    ...(p.weight ? { grossGrams: p.weight.grossGrams, netGrams: p.weight.netGrams } : {}),
    ...(p.line ? {} : { unexpected: true }),
  };
  return decision;
}

/** Applies a decision to a line; a line may be decided again until the manifest is completed. */
export function decideLine(s: ReceivingState, d: DecideInput, rules: ReceiveRules): ReceiveStep {
  const p = s.lines[d.label];
  if (!p) return refuse(s, { refused: `${d.label} is not on this manifest and was not scanned` });
  if (d.decision !== "reject") {
    const why = acceptRefusal(p, d);
    if (why) return refuse(s, { refused: why });
  }
  const quantity = receivedQuantity(p, d, rules);
  if (typeof quantity !== "number") return refuse(s, quantity);
  const decision = buildDecision(p, d, quantity, rules);
  if ("refused" in decision) return refuse(s, decision);
  const itemName = p.line?.itemName ?? "Package not on the manifest";
  const print =
    decision.decision === "reject"
      ? { type: "print-quarantine" as const, label: p.label, itemName, reason: reasonWords[decision.reason!] }
      : {
          type: "print-shelf" as const,
          label: p.label,
          itemName,
          location: decision.location,
          placement: d.placement!.text,
        };
  const state = { ...s, current: d.label, lines: { ...s.lines, [p.label]: { ...p, decision } } };
  return { state, effects: [{ type: "publish-line", line: decision }, print], changed: true };
}

/** Reject reasons as the kiosk and the quarantine label say them. */
export const reasonWords: Record<RejectReason, string> = {
  "wrong-tag": "Wrong tag",
  "damaged-or-tampered": "Damaged or tampered",
  "failed-lab": "Failed lab test",
  "short-weight": "Short weight",
  "over-weight": "Over weight",
  "not-ordered": "Not ordered",
  "no-coa": "No COA",
};
