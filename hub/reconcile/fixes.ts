/**
 * The usual fix of each difference, in words for the coordinator (../shared/reference/
 * peers-and-practice.md: a sales-receipt error is fixed on the receipt, never by adjusting the
 * package; a manifest error on receipt; a count difference by recount, then an adjustment with the
 * state system's reason).
 */
import type { UnsellableWhy } from "./facts.js";

const q = (n: number, unit: string) => `${Math.round(n * 1e4) / 1e4} ${unit}`;

export const fixes = {
  soldNotReported: (n: number, unit: string) =>
    `The POS sold ${q(n, unit)} that METRC has no sales receipt for: report the sale to METRC (receipts are due within 24 h). Do not adjust the package for a sale.`,
  reportedNotSold: (n: number, unit: string) =>
    `METRC has ${q(n, unit)} sold that the POS does not: import the missing POS receipt, or void the METRC receipt if it was keyed in by mistake.`,
  quantityMismatch: (pos: number, state: number, unit: string) =>
    `The POS sold ${q(pos, unit)}, METRC recorded ${q(state, unit)}: correct the METRC sales receipt to what was sold (never package-adjust a sale), or the POS receipt if it is the wrong one.`,
  unitMismatch: (pos: string, state: string) =>
    `The POS sold it in ${pos}, METRC recorded ${state}: fix the product's unit in the POS (its METRC item's unit of measure) and correct the sales receipt.`,
  unknownTag: (intended: string | undefined) =>
    intended
      ? `METRC has no package with this tag; ${intended} is one or two characters away and active: likely a mistyped tag. Correct the POS line or the vault's record to ${intended}.`
      : "METRC has no package with this tag: check for a typo or a tag of another licence, and correct the POS product's package or the vault's record.",
  notInVault: () =>
    "Active in METRC but the last full count did not find it: search the vault, sales floor and quarantine and recount; if it is gone, open the loss investigation and adjust in METRC with the reason found.",
  notInState: () =>
    "The vault holds it but METRC lists it inactive: check whether it was finished or adjusted to zero in METRC by mistake (undo that), or move it out of the vault's books if it is really gone.",
  physicalShort: (counted: number, book: number, unit: string) =>
    `Counted ${q(counted, unit)}, the books held ${q(book, unit)}: recount; if confirmed, find where it went (unrecorded sale, waste, theft) and adjust in METRC with that reason.`,
  physicalOver: (counted: number, book: number, unit: string) =>
    `Counted ${q(counted, unit)}, the books held ${q(book, unit)}: recount; look for an unrecorded return or a sale rung up on another package, and adjust with reason Entry Error once found.`,
  receivingMismatch: (manifest: string, shipped: string, received: string) =>
    `Manifest ${manifest} shipped ${shipped}, the vault received ${received}: accept the package in METRC at the received quantity (or reject it) and note the difference to the shipper.`,
  soldWhileUnsellable: (why: UnsellableWhy) =>
    `Sold while ${why === "failed-lab" ? "its lab test had failed" : why === "on-hold" ? "on hold" : "quarantined"}: stop sales of the package, follow the recall procedure for what left, and find why the POS could sell it (its sellable list).`,
};
