import type { ReceivingState } from "./machine.js";
import { describePlacement, placePackage, type ShelvedPackage } from "./location.js";
import type { VaultShelves } from "./shelves.js";

/**
 * The shelf for an accepted line: the vault's shelves from the replica plus the packages already
 * accepted on this manifest (ten bags of one item go to the same shelf, in FEFO order).
 * Undefined when the label is not a manifest line (the workflow refuses that itself).
 */
export function placementFor(
  s: ReceivingState,
  label: string,
  shelves: VaultShelves,
  defaultShelf: string,
): { location: string; text: string } | undefined {
  const line = s.lines[label]?.line;
  if (!line) return undefined;
  const accepted: ShelvedPackage[] = [];
  for (const l of s.order) {
    const p = s.lines[l];
    if (l === label || !p?.line || !p.decision || p.decision.decision === "reject") continue;
    accepted.push({
      label: l,
      itemId: p.line.itemId ?? "",
      location: p.decision.location,
      packagedDate: p.line.packagedDate,
      expirationDate: p.line.expirationDate,
    });
  }
  const shelved = [...shelves.shelved(), ...accepted];
  const placement = placePackage({
    pkg: { label, itemId: line.itemId, packagedDate: line.packagedDate, expirationDate: line.expirationDate },
    shelved,
    categoryOf: (id) => shelves.categoryOf(id),
    defaultShelf,
  });
  return { location: placement.shelf, text: describePlacement(placement) };
}
