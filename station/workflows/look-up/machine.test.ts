import { describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import { HISTORY_LINES, initialLookUp, lookUp, resultOf, type LookUpState } from "./machine.js";
import type { HubPackage, ReplicaFacts } from "./sources.js";

const TAG = "1A4060300002199000003445";
const ask = (s: LookUpState, code: string) => lookUp(s, { type: "ask", code, classification: classifyBarcode(code) });

const replica: ReplicaFacts = {
  itemName: "Blue Dream 3.5 g",
  quantity: 12,
  unit: "Each",
  location: "Vault B-2",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-10-01",
  expirationDate: "2027-04-01",
  batch: "BD-7",
};

function hubPackage(historyCount: number): HubPackage {
  return {
    label: TAG,
    known: true,
    item: { name: "Blue Dream 3.5 g (hub)" },
    quantity: 11,
    unit: "Each",
    location: "Vault B-3",
    status: "active",
    labState: "TestPassed",
    packagedDate: "2026-10-01",
    expirationDate: "2027-04-01",
    batch: "BD-7",
    history: Array.from({ length: historyCount }, (_, i) => ({
      id: `e${i}`,
      type: "scan",
      at: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
      stationId: "vault-1",
      payload: { workflow: i % 2 ? "receive" : "idle" },
    })),
  };
}

describe("look-up machine", () => {
  it("turns a scanned or typed METRC tag into a fetch, and ignores badges and command barcodes", () => {
    const step = ask(initialLookUp, TAG.toLowerCase());
    expect(step.fetch).toEqual({ seq: 1, label: TAG });
    expect(step.state.pending).toEqual({ seq: 1, label: TAG });
    expect(ask(step.state, "EMP-0001")).toMatchObject({ changed: false, state: step.state });
    expect(ask(step.state, "CMD:SIGN-OUT").changed).toBe(false);
    const typedBadge = lookUp(step.state, {
      type: "ask",
      code: "EMP-0001",
      classification: classifyBarcode("EMP-0001"),
      typed: true,
    });
    expect(typedBadge.refused).toMatch(/that is a badge/);
  });

  it("refuses what is not a package tag, saying why, and keeps the last answer", () => {
    const first = ask(initialLookUp, TAG);
    const answered = lookUp(first.state, {
      type: "answer",
      seq: 1,
      label: TAG,
      hub: { kind: "not-asked", reason: "no hub" },
      replica,
    }).state;
    const bad = ask(answered, "1A40603000021990000034");
    expect(bad.refused).toMatch(/^Cannot look up 1A40603000021990000034: .*24 characters/);
    expect(bad.fetch).toBeUndefined();
    expect(bad.state.result?.label).toBe(TAG);
    expect(ask(answered, "00012345678905").refused).toMatch(/product barcode/);
    expect(ask(bad.state, TAG).state.refusal).toBeNull();
  });

  it("drops an answer for an ask that a newer one replaced", () => {
    const a = ask(initialLookUp, TAG);
    const b = ask(a.state, "1A4060300002199000009999");
    const late = lookUp(b.state, {
      type: "answer",
      seq: 1,
      label: TAG,
      hub: { kind: "answered", pkg: hubPackage(1) },
      replica,
    });
    expect(late.changed).toBe(false);
    expect(late.state.result).toBeNull();
  });

  it("shows the hub's facts and its last ten history entries, newest first", () => {
    const r = resultOf(TAG, { kind: "answered", pkg: hubPackage(14) }, replica);
    expect(r).toMatchObject({
      source: "hub",
      found: true,
      historyTotal: 14,
      facts: { itemName: "Blue Dream 3.5 g (hub)", location: "Vault B-3", quantity: 11 },
    });
    expect(r.history).toHaveLength(HISTORY_LINES);
    expect(r.history.map((h) => h.id)).toEqual(["e13", "e12", "e11", "e10", "e9", "e8", "e7", "e6", "e5", "e4"]);
    expect(r.history[0]?.detail).toBe("receive");
  });

  it("answers from the replica when the hub does not, saying so", () => {
    const away = resultOf(TAG, { kind: "unreachable", reason: "connect ECONNREFUSED 127.0.0.1:9" }, replica);
    expect(away).toMatchObject({ source: "replica", found: true, facts: replica, history: [] });
    expect(away.hubNote).toMatch(/^hub not answering \(connect ECONNREFUSED/);
    expect(resultOf(TAG, { kind: "unreachable", reason: "x" }, undefined)).toMatchObject({
      source: "replica",
      found: false,
    });
    expect(resultOf(TAG, { kind: "unknown" }, undefined)).toMatchObject({
      found: false,
      hubNote: "the hub has no record of this tag",
    });
  });
});
