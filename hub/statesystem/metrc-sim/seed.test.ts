import { describe, expect, it } from "vitest";
import { demoStore } from "#hub/seed/demo-store.js";
import { FakeClock } from "#hub/testing/clock.js";
import { simSeedFromDemoStore } from "./seed.js";
import { SimState } from "./state.js";

describe("simulator seed from the demo store", () => {
  const now = new FakeClock(Date.UTC(2026, 10, 27, 20, 0, 0));
  const store = demoStore({ now: new Date(now.now()), packages: 120, days: 5 });
  const state = new SimState(simSeedFromDemoStore(store, { now: now.now() }), now);

  it("holds the store's packages, items and locations under its license", () => {
    expect(state.license).toBe(store.site.licenseNumber);
    expect(state.packages.size).toBe(120);
    const p = store.packages[0]!;
    expect(state.packages.get(p.label)).toMatchObject({ quantity: p.quantity, unit: p.unit, location: p.location });
    expect(state.locations.size).toBe(store.locations.length);
  });

  it("holds the store's sales history, earlier days final, in local facility time", () => {
    expect(state.receipts.size).toBe(store.sales.length);
    const receipts = [...state.receipts.values()];
    expect(receipts.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/.test(r.salesDateTime))).toBe(true);
    expect(receipts.some((r) => r.isFinal)).toBe(true);
    expect(receipts.filter((r) => !r.isFinal).every((r) => r.salesDateTime.startsWith("2026-11-27"))).toBe(true);
  });

  it("has incoming transfers waiting to be received with valid tags not yet in inventory", () => {
    const labels = [...state.transfers.values()].flatMap((t) => t.packages.map((p) => p.label));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => /^[0-9A-Z]{24}$/.test(l) && !state.packages.has(l))).toBe(true);
  });
});
