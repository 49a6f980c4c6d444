import { describe, expect, it } from "vitest";
import { loadReceivingConfig } from "./config.js";

describe("loadReceivingConfig", () => {
  it("defaults to ±1 % or 0.5 g, quarantine and an intake shelf", () => {
    expect(loadReceivingConfig({})).toEqual({ tolerancePct: 1, toleranceGrams: 0.5, quarantineLocation: "Quarantine", defaultShelf: "Vault Intake", emptyBelowGrams: 2 });
  });

  it("takes the tolerance from the environment and names a bad variable", () => {
    expect(loadReceivingConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "2.5", RECEIVE_WEIGHT_TOLERANCE_GRAMS: "1" })).toMatchObject({ tolerancePct: 2.5, toleranceGrams: 1 });
    expect(() => loadReceivingConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "lots" })).toThrow(/RECEIVE_WEIGHT_TOLERANCE_PCT/);
  });
});
