import type { Package, Unit } from "#contract/domain.js";
import type { Replica } from "#station/store/replica.js";
import { fromGrams, toGrams } from "../receive/weight.js";

/** A package as waste and package splits need it: on hand, unit, and how it is weighed. */
export interface VaultPackage {
  label: string;
  itemName: string;
  /** On hand per the replica, in `unit`. */
  quantity: number;
  unit: Unit;
  status: Package["status"];
  location: string;
  /** Counted by weight (its unit is a weight): the scale gives its quantity. */
  weightBased: boolean;
  /** The item profile's container tare, grams, subtracted from the gross weight (as in receiving). */
  tareGrams: number;
}

/** The package as the replica holds it, or why it cannot be used here. */
export function vaultPackage(
  replica: Pick<Replica, "packageWithItem">,
  label: string,
): { ok: true; pkg: VaultPackage } | { ok: false; reason: string } {
  const found = replica.packageWithItem(label);
  if (!found) return { ok: false, reason: `package ${label} is not in this vault's catalog` };
  const { pkg, item } = found;
  if (pkg.status === "finished" || pkg.status === "inactive")
    return { ok: false, reason: `package ${label} is ${pkg.status}: nothing is left in it` };
  if (!(pkg.quantity > 0)) return { ok: false, reason: `package ${label} holds nothing (${pkg.quantity} ${pkg.unit})` };
  return {
    ok: true,
    pkg: {
      label,
      itemName: item?.name ?? pkg.itemId,
      quantity: pkg.quantity,
      unit: pkg.unit,
      status: pkg.status,
      location: pkg.location,
      weightBased: toGrams(1, pkg.unit) !== undefined,
      tareGrams: item?.containerTareGrams ?? 0,
    },
  };
}

/** A gross reading as the package's quantity: net grams (gross − tare) in its unit, to 0.01. */
export function weighed(
  pkg: Pick<VaultPackage, "unit" | "tareGrams">,
  grossGrams: number,
): { grossGrams: number; tareGrams: number; netGrams: number; quantity: number } {
  const netGrams = Math.round((grossGrams - pkg.tareGrams) * 100) / 100;
  return { grossGrams, tareGrams: pkg.tareGrams, netGrams, quantity: fromGrams(netGrams, pkg.unit) ?? 0 };
}

/** "3.4 g", "12 ea": a quantity in words for the kiosk. */
export function amount(quantity: number, unit: Unit): string {
  const short: Record<Unit, string> = {
    Each: "ea",
    Grams: "g",
    Milligrams: "mg",
    Kilograms: "kg",
    Ounces: "oz",
    Pounds: "lb",
  };
  return `${Number(quantity.toFixed(2))} ${short[unit]}`;
}
