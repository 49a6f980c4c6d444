import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { fullPackageHistory } from "#hub/ledger/history.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { summarize } from "#hub/web/views/parts/history-words.js";
import { seedDemoHistory } from "./demo-history.js";
import { demoStore } from "./demo-store.js";

/** The demo's packages carry the history they would have: received, moved to the floor, sold. */
const store = demoStore({ packages: 80, days: 5, now: new Date("2026-11-27T18:00:00Z") });
const site = store.site.id;

describe("demo history through the ledger", () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedLedger(ledger.db, site, { ...store, packages: [] });
    await seedDemoHistory(ledger.db, site, store);
  });
  afterAll(() => ledger?.dispose());

  it("ends with every package as the demo store describes it", async () => {
    for (const p of store.packages) {
      const found = await findPackage(ledger.db, site, p.label);
      expect(found?.pkg, p.label).toEqual(p);
    }
  });

  it("gives a floor package its receipt, its move to the floor and each sale, with names and quantities", async () => {
    const sold = new Set(store.sales.flatMap((s) => s.lines.map((l) => l.label)));
    const pkg = store.packages.find((p) => p.location === "Sales Floor" && sold.has(p.label))!;
    const sales = store.sales.filter((s) => s.lines.some((l) => l.label === pkg.label));
    const history = await fullPackageHistory(ledger.db, site, pkg.label);
    const words = history.map(summarize);
    expect(history.length).toBeGreaterThanOrEqual(2 + sales.length);
    expect(words[0]).toMatch(/^received: into Vault [A-D]-\d \(active\), [\d.]+ \w+, manifest 00008\d{5}$/);
    expect(words[1]).toMatch(/^moved to the sales floor: Vault [A-D]-\d → Sales Floor \(active\)/);
    expect(
      words.slice(2).every((w) => /^sold: [\d.]+ \w+ → [\d.]+ \w+ \(-[\d.]+\) – receipt R\d{8}-\d{4}$/.test(w)),
    ).toBe(true);
    const names = new Set(store.employees.map((e) => e.name));
    expect(history.every((h) => h.employeeName !== null && names.has(h.employeeName))).toBe(true);
    expect(history.slice(2).map((h) => h.employeeName)).toEqual(
      history.slice(2).map((h) => store.employees.find((e) => e.id === h.employeeId)!.name),
    );
  });
});
