import { describe, expect, it } from "vitest";
import { checkWeight, fromGrams, toGrams } from "./weight.js";
import { describePlacement, placePackage, type ShelvedPackage } from "./location.js";
import type { ManifestLine } from "#contract/receiving.js";

const shelved: ShelvedPackage[] = [
  { label: "A1", itemId: "gg4", location: "Vault B-2", packagedDate: "2026-09-01", expirationDate: "2027-03-01" },
  { label: "A2", itemId: "gg4", location: "Vault B-2", packagedDate: "2026-10-01", expirationDate: "2027-05-01" },
  { label: "A3", itemId: "gg4", location: "Vault C-1", packagedDate: "2026-10-02" },
  { label: "B1", itemId: "cart", location: "Vault D-4", packagedDate: "2026-10-02" },
];
const categories: Record<string, string> = { gg4: "flower", cart: "vape", gummy: "edible", og: "flower" };
const categoryOf = (id: string) => categories[id];

describe("placePackage", () => {
  it("puts a package on its item's busiest shelf, in FEFO order among the same item", () => {
    const mid = placePackage({
      pkg: { label: "N", itemId: "gg4", packagedDate: "2026-11-01", expirationDate: "2027-04-01" },
      shelved,
      categoryOf,
      defaultShelf: "Intake",
    });
    expect(mid).toEqual({ shelf: "Vault B-2", position: 2, of: 3, basis: "same-item" });
    const front = placePackage({
      pkg: { label: "N", itemId: "gg4", packagedDate: "2026-11-01", expirationDate: "2027-01-01" },
      shelved,
      categoryOf,
      defaultShelf: "Intake",
    });
    expect(front.position).toBe(1);
    expect(describePlacement(front)).toBe("Vault B-2, front of 3");
  });

  it("without an expiry goes behind those that expire; equal expiry falls back to packaged date", () => {
    const back = placePackage({
      pkg: { label: "N", itemId: "gg4", packagedDate: "2026-08-01" },
      shelved,
      categoryOf,
      defaultShelf: "Intake",
    });
    expect(back).toMatchObject({ position: 3, of: 3 });
    const older = placePackage({
      pkg: { label: "N", itemId: "gg4", packagedDate: "2026-08-01", expirationDate: "2027-03-01" },
      shelved,
      categoryOf,
      defaultShelf: "Intake",
    });
    expect(older.position).toBe(1);
  });

  it("falls back to the category's shelf, then the default shelf", () => {
    expect(
      placePackage({ pkg: { label: "N", itemId: "og" }, shelved, categoryOf, defaultShelf: "Intake" }),
    ).toMatchObject({ shelf: "Vault B-2", basis: "same-category", position: 1, of: 1 });
    expect(placePackage({ pkg: { label: "N", itemId: "gummy" }, shelved, categoryOf, defaultShelf: "Intake" })).toEqual(
      { shelf: "Intake", position: 1, of: 1, basis: "default" },
    );
  });
});

describe("checkWeight", () => {
  const bag = {
    label: "X".repeat(24),
    itemName: "Bulk",
    quantity: 1,
    unit: "Pounds",
    labState: "TestPassed",
    coa: null,
    weightBased: true,
    containerTareGrams: 212,
  } satisfies ManifestLine;

  it("allows 1 % on large weights and 0.5 g on small ones", () => {
    expect(checkWeight(bag, 212 + 453.59 - 4.5)).toMatchObject({ verdict: "ok", allowedGrams: 4.54 });
    expect(checkWeight(bag, 212 + 453.59 - 4.6)).toMatchObject({ verdict: "short" });
    const eighth = { ...bag, quantity: 3.5, unit: "Grams" as const, containerTareGrams: 10 };
    expect(checkWeight(eighth, 13.9)).toMatchObject({ verdict: "ok", allowedGrams: 0.5 });
    expect(checkWeight(eighth, 14.1)).toMatchObject({ verdict: "over", diffGrams: 0.6 });
  });

  it("cannot compare a count unit, and converts weight units both ways", () => {
    expect(checkWeight({ ...bag, unit: "Each" }, 300).verdict).toBe("uncomparable");
    expect(toGrams(2, "Kilograms")).toBe(2000);
    expect(fromGrams(453.59237, "Pounds")).toBe(1);
    expect(fromGrams(5, "Each")).toBeUndefined();
  });
});
