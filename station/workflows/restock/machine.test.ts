import { describe, expect, it } from "vitest";
import type { RestockRequest } from "#contract/restock.js";
import { initialRestock, remaining, restock, type RestockState, type ScannedPackage } from "./machine.js";

const T = (n: number) => `1A4060300012B7C0000000${String(n).padStart(2, "0")}`;
const request: RestockRequest = {
  requestId: "r-1",
  origin: "kiosk",
  requestedBy: "Priya Shah",
  requestedAt: "2026-11-27T12:00:00.000Z",
  toLocation: "Sales Floor",
  lines: [
    {
      itemId: "pre",
      itemName: "Pre-roll",
      quantity: 30,
      unit: "Each",
      picks: [
        {
          label: T(42),
          location: "Vault B-2",
          quantity: 24,
          unit: "Each",
          expirationDate: "2027-01-03",
          packagedDate: "2026-10-01",
        },
        {
          label: T(51),
          location: "Vault B-3",
          quantity: 24,
          unit: "Each",
          expirationDate: "2027-02-12",
          packagedDate: "2026-10-20",
        },
      ],
    },
  ],
};
const pkg = (over: Partial<ScannedPackage>): ScannedPackage => ({
  label: T(60),
  itemId: "pre",
  itemName: "Pre-roll",
  quantity: 24,
  unit: "Each",
  location: "Vault C-1",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-10-05",
  expirationDate: "2027-02-12",
  ...over,
});
const at = "2026-11-27T13:00:00.000Z";
const opened = (): RestockState =>
  restock(restock(initialRestock, { type: "requests", requests: [request] }).state, { type: "open", requestId: "r-1" })
    .state;

describe("restock picks at the kiosk", () => {
  it("picks a package on the list and sends the move with the list's vault shelf", () => {
    const out = restock(opened(), { type: "scan", label: T(42), pkg: pkg({ label: T(42) }), at });
    expect(out.state.verdict).toMatchObject({ tone: "ok" });
    expect(out.send).toEqual([
      {
        action: "pick",
        requestId: "r-1",
        label: T(42),
        itemId: "pre",
        fromLocation: "Vault B-2",
        toLocation: "Sales Floor",
        quantity: 24,
        unit: "Each",
      },
    ]);
    expect(remaining(out.state, request, "pre").map((p) => p.label)).toEqual([T(51)]);
  });

  it("warns on a later-expiring package of the same item, naming the right one and why, and sends nothing", () => {
    const out = restock(opened(), { type: "scan", label: T(60), pkg: pkg({ expirationDate: "2027-02-12" }), at });
    expect(out.send).toEqual([]);
    expect(out.state.verdict).toEqual({
      tone: "warn",
      label: T(60),
      expectedLabel: T(42),
      text: "Wrong package: take 1A4…0042 first (Vault B-2): expires 2027-01-03, 40 days before this one.",
    });
    expect(out.state.offer).toMatchObject({ label: T(60), expectedLabel: T(42) });
  });

  it("says first in, first out when both expire the same day", () => {
    const out = restock(opened(), {
      type: "scan",
      label: T(60),
      pkg: pkg({ expirationDate: "2027-01-03", packagedDate: "2026-11-10" }),
      at,
    });
    expect(out.state.verdict?.text).toContain("packaged 2026-10-01, 40 days before this one (first in, first out)");
  });

  it("takes the wrong package only with a reason, standing in for the list's first", () => {
    const warned = restock(opened(), { type: "scan", label: T(60), pkg: pkg({}), at }).state;
    const out = restock(warned, { type: "override", reason: "first-damaged", at });
    expect(out.send[0]).toMatchObject({
      action: "pick",
      label: T(60),
      fromLocation: "Vault C-1",
      override: { reason: "first-damaged", expectedLabel: T(42) },
    });
    expect(remaining(out.state, request, "pre").map((p) => p.label)).toEqual([T(51)]);
    expect(restock(opened(), { type: "override", reason: "first-damaged", at }).refused).toBe(
      "scan the package you mean to take first",
    );
  });

  it("refuses outright what may not go to the floor, or was not asked for, with no override offered", () => {
    for (const [p, words] of [
      [pkg({ status: "quarantine" }), "quarantine: not sellable"],
      [pkg({ labState: "TestFailed" }), "lab state TestFailed"],
      [pkg({ location: "Sales Floor" }), "on the Sales Floor already"],
      [pkg({ itemId: "gummies", itemName: "Gummies" }), "Gummies is not on this request"],
      [undefined, "not in this vault's catalog"],
    ] as const) {
      const out = restock(opened(), { type: "scan", label: T(60), pkg: p, at });
      expect(out.state.verdict).toMatchObject({ tone: "bad", text: expect.stringContaining(words) });
      expect(out.state.offer).toBeNull();
      expect(out.send).toEqual([]);
    }
  });

  it("says a package is picked already, and no more is needed once the line is covered", () => {
    let s = restock(opened(), { type: "scan", label: T(42), pkg: undefined, at }).state;
    expect(restock(s, { type: "scan", label: T(42), pkg: undefined, at }).state.verdict).toMatchObject({
      tone: "warn",
      text: expect.stringContaining("picked already"),
    });
    s = restock(s, { type: "scan", label: T(51), pkg: undefined, at }).state;
    expect(restock(s, { type: "scan", label: T(60), pkg: pkg({}), at }).state.verdict?.text).toContain(
      "No more Pre-roll is needed",
    );
  });

  it("finishes with what was picked and hides the request until the hub drops it", () => {
    const s = restock(opened(), { type: "scan", label: T(42), pkg: undefined, at }).state;
    const out = restock(s, { type: "finish" });
    expect(out.send).toEqual([{ action: "completed", requestId: "r-1", picked: [T(42)] }]);
    expect(restock(out.state, { type: "open", requestId: "r-1" }).refused).toBe("that request is not open any more");
    expect(restock(out.state, { type: "requests", requests: [] }).state.finished).toEqual([]);
  });
});
