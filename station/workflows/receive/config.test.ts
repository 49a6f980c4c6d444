import { describe, expect, it } from "vitest";
import { loadReceivingConfig } from "./config.js";
import { shelvesFrom } from "./shelves.js";

describe("loadReceivingConfig", () => {
  it("defaults to ±1 % or 0.5 g, quarantine, an intake shelf, and confirming a count below half of the shipped one", () => {
    expect(loadReceivingConfig({})).toEqual({
      tolerancePct: 1,
      toleranceGrams: 0.5,
      quarantineLocation: "Quarantine",
      defaultShelf: "Vault Intake",
      emptyBelowGrams: 2,
      notShelves: ["Sales Floor"],
      confirmBelowPct: 50,
      containers: [],
    });
    expect(loadReceivingConfig({ RECEIVE_CONFIRM_BELOW_PCT: "80" }).confirmBelowPct).toBe(80);
  });

  it("reads the vault's containers as name:grams, and names a bad one", () => {
    expect(loadReceivingConfig({ RECEIVE_CONTAINERS: "Mylar bag 1 lb:9, Glass jar: 212" }).containers).toEqual([
      { name: "Mylar bag 1 lb", tareGrams: 9 },
      { name: "Glass jar", tareGrams: 212 },
    ]);
    expect(() => loadReceivingConfig({ RECEIVE_CONTAINERS: "Mylar bag" })).toThrow(/RECEIVE_CONTAINERS.*name:grams/);
  });

  it("reads the locations that are not vault shelves as a list", () => {
    expect(loadReceivingConfig({ RECEIVE_NOT_SHELVES: "Sales Floor, Display Case" }).notShelves).toEqual([
      "Sales Floor",
      "Display Case",
    ]);
  });

  it("takes the tolerance from the environment and names a bad variable", () => {
    expect(
      loadReceivingConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "2.5", RECEIVE_WEIGHT_TOLERANCE_GRAMS: "1" }),
    ).toMatchObject({ tolerancePct: 2.5, toleranceGrams: 1 });
    expect(() => loadReceivingConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "lots" })).toThrow(/RECEIVE_WEIGHT_TOLERANCE_PCT/);
  });
});

describe("vault shelves for receiving", () => {
  it("leave out the sales floor and quarantine, so received stock never lands there", () => {
    const pkg = (label: string, location: string) => ({
      label,
      itemId: "gg4",
      quantity: 1,
      unit: "Grams" as const,
      location,
      status: "active" as const,
      labState: "TestPassed" as const,
      packagedDate: "2026-09-01",
    });
    const { shelved } = shelvesFrom(
      [],
      [pkg("A", "Vault B-2"), pkg("B", "Sales Floor"), pkg("C", "Quarantine")],
      ["Quarantine", "Sales Floor"],
    );
    expect(shelved.map((p) => p.location)).toEqual(["Vault B-2"]);
  });
});
