/**
 * The case page's proposal forms, read into a ProposalInput: numbers as typed ("−3", "2.5"),
 * empty fields left out, times turned into instants by the caller (the site's zone).
 */
import type { ProposalInput } from "./proposal.js";

/** A number typed in a form ("3", "-1.5", "−2"); undefined when empty; NaN when not a number. */
function numberOf(v: string | undefined): number | undefined {
  const t = (v ?? "").trim().replace(/^\u2212/, "-");
  return t === "" ? undefined : Number(t);
}

/** The proposal a form posted, or why it cannot be read. */
export function proposalFromForm(
  f: Record<string, string>,
  instant: (local: string | undefined) => string,
): ProposalInput | { reason: string } {
  if (f.kind === "adjustment") {
    const quantity = numberOf(f.quantity);
    if (quantity === undefined || Number.isNaN(quantity))
      return { reason: `give the change in quantity as a number, not "${(f.quantity ?? "").slice(0, 20)}"` };
    return { kind: "adjustment", quantity, reason: f.reason ?? "", note: f.note, date: f.date };
  }
  if (f.kind === "receipt") {
    const quantity = numberOf(f.quantity);
    const total = numberOf(f.total);
    if (Number.isNaN(quantity) || Number.isNaN(total)) return { reason: "quantity and total are numbers" };
    return {
      kind: "receipt",
      voidExternalNumber: f.voidExternalNumber || undefined,
      soldAt: f.soldAt ? instant(f.soldAt) || "unreadable" : undefined,
      quantity,
      total,
    };
  }
  return { reason: "propose an adjustment or a corrected receipt" };
}
