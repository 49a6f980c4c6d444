import { describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import type { Manifest, ManifestLine } from "#contract/receiving.js";
import { ReceivePayload } from "#contract/receiving.js";
import {
  lineFlags,
  progress,
  receive,
  startReceiving,
  type ReceiveInput,
  type ReceiveRules,
  type ReceivingState,
} from "./machine.js";

const T0 = Date.UTC(2026, 10, 27, 18, 0, 0);
const rules: ReceiveRules = { tolerance: { pct: 1, grams: 0.5 }, quarantineLocation: "Quarantine", emptyBelowGrams: 2 };
const coa = { lab: "SC Labs", testedAt: "2026-11-02", thc: "24.1%", cbd: "0.1%", overallPassed: true };

function tag(i: number): string {
  return `1A4060300012B7C00000${String(i).padStart(4, "0")}`;
}

function line(i: number, over: Partial<ManifestLine> = {}): ManifestLine {
  return {
    label: tag(i),
    itemId: `item-${i}`,
    itemName: `Item ${i}`,
    quantity: 10,
    unit: "Each",
    labState: "TestPassed",
    coa,
    weightBased: false,
    ...over,
  };
}

const manifest: Manifest = {
  manifestNumber: "0000012345",
  shipperName: "Coastal Farms",
  shipperLicense: "C11-0000456-LIC",
  arrival: null,
  lines: [
    line(1),
    line(2, { quantity: 453.6, unit: "Grams", weightBased: true, containerTareGrams: 212 }),
    line(3, { labState: "TestFailed" }),
    line(4, { coa: null }),
  ],
};

let n = 0;
const scan = (code: string): ReceiveInput => ({
  type: "scan",
  scanId: `s-${++n}`,
  code,
  classification: classifyBarcode(code),
  at: T0 + n,
});
const shelf = { location: "Vault A-1", text: "Vault A-1" };

function run(inputs: ReceiveInput[], from?: ReceivingState) {
  let s = from ?? startReceiving({ receivingId: "r-1", manifest, employeeId: "emp-001", at: T0 });
  const steps = inputs.map((i) => {
    const step = receive(s, i, rules);
    s = step.state;
    return step;
  });
  return { s, steps, last: steps[steps.length - 1]! };
}

describe("receiving a manifest", () => {
  it("classifies each scan: on the manifest, duplicate, not on it, not a valid tag", () => {
    const { s, steps } = run([scan(tag(1)), scan(tag(1)), scan(tag(99)), scan("1A4060300012B7C0000")]);
    expect(steps.map((x) => x.state.lastScan?.verdict)).toEqual([
      "on-manifest",
      "duplicate",
      "not-on-manifest",
      "invalid-tag",
    ]);
    expect(steps[3]!.state.lastScan?.reason).toMatch(/24 characters/);
    expect(progress(s)).toMatchObject({ scanned: 1, total: 4, unexpected: 1 });
    expect(s.order.at(-1)).toBe(tag(99));
  });

  it("leaves badges and command barcodes to the rest of the kiosk", () => {
    const { last } = run([scan("EMP-A1B2C3")]);
    expect(last.changed).toBe(false);
    expect(last.state.lastScan).toBeNull();
  });

  it("weighs only a stable reading, subtracts the tare, and needs the platform cleared before the next package", () => {
    const { s, steps } = run([
      scan(tag(2)),
      { type: "weight", grams: 600, stable: false, at: T0 + 10 },
      { type: "weight", grams: 665.4, stable: true, at: T0 + 11 },
    ]);
    expect(steps[1]!.changed).toBe(false);
    expect(s.lines[tag(2)]!.weight).toMatchObject({ grossGrams: 665.4, netGrams: 453.4, verdict: "ok" });
    expect(steps[2]!.effects).toEqual([{ type: "publish-weight", label: tag(2), grossGrams: 665.4, netGrams: 453.4 }]);
    const again = run(
      [
        { type: "reweigh", label: tag(2) },
        { type: "weight", grams: 640, stable: true, at: T0 + 12 },
      ],
      { ...s, scaleClear: false },
    );
    expect(again.s.lines[tag(2)]!.weight?.grossGrams).toBe(640);
  });

  it("does not give the previous package's weight to the next one still on the scale", () => {
    const two = {
      ...manifest,
      lines: [manifest.lines[1]!, line(5, { quantity: 100, unit: "Grams", weightBased: true })],
    };
    const start = startReceiving({ receivingId: "r-2", manifest: two, employeeId: "emp-001", at: T0 });
    const { s } = run(
      [
        scan(tag(2)),
        { type: "weight", grams: 665.4, stable: true, at: T0 + 1 },
        scan(tag(5)),
        { type: "weight", grams: 665.4, stable: true, at: T0 + 2 },
      ],
      start,
    );
    expect(s.lines[tag(5)]!.weight).toBeUndefined();
    const { s: after } = run(
      [
        { type: "weight", grams: 0, stable: true, at: T0 + 3 },
        { type: "weight", grams: 100.2, stable: true, at: T0 + 4 },
      ],
      s,
    );
    expect(after.lines[tag(5)]!.weight).toMatchObject({ netGrams: 100.2, verdict: "ok" });
  });

  it("flags a short weight, refuses a plain accept, and takes the weighed quantity as a correction", () => {
    const { s } = run([scan(tag(2)), { type: "weight", grams: 643.2, stable: true, at: T0 + 5 }]);
    expect(lineFlags(s.lines[tag(2)]!)).toEqual(["short-weight"]);
    const plain = receive(
      s,
      { type: "decide", at: T0 + 6, label: tag(2), decision: "accept", placement: shelf },
      rules,
    );
    expect(plain.refused).toMatch(/short/);
    expect(plain.effects).toEqual([]);
    const corrected = receive(
      s,
      { type: "decide", at: T0 + 6, label: tag(2), decision: "accept-corrected", placement: shelf },
      rules,
    );
    expect(corrected.state.lines[tag(2)]!.decision).toMatchObject({
      decision: "accept-corrected",
      receivedQuantity: 431.2,
      netGrams: 431.2,
      grossGrams: 643.2,
      location: "Vault A-1",
    });
    expect(corrected.effects.map((e) => e.type)).toEqual(["publish-line", "print-shelf"]);
  });

  it("refuses to accept a failed-lab package or one without a COA, and quarantines it on reject", () => {
    const { s } = run([scan(tag(3)), scan(tag(4))]);
    expect(
      receive(s, { type: "decide", at: T0, label: tag(3), decision: "accept", placement: shelf }, rules).refused,
    ).toMatch(/TestFailed/);
    expect(
      receive(
        s,
        { type: "decide", at: T0, label: tag(4), decision: "accept-corrected", quantity: 5, placement: shelf },
        rules,
      ).refused,
    ).toMatch(/certificate/);
    const rejected = receive(
      s,
      { type: "decide", at: T0, label: tag(3), decision: "reject", reason: "failed-lab" },
      rules,
    );
    expect(rejected.state.lines[tag(3)]!.decision).toMatchObject({
      decision: "reject",
      reason: "failed-lab",
      location: "Quarantine",
      receivedQuantity: 10,
    });
    expect(rejected.effects[1]).toMatchObject({ type: "print-quarantine", label: tag(3), reason: "Failed lab test" });
  });

  it("accepts only what was scanned, and a reject needs its reason", () => {
    const { s } = run([]);
    expect(
      receive(s, { type: "decide", at: T0, label: tag(1), decision: "accept", placement: shelf }, rules).refused,
    ).toMatch(/Scan/);
    expect(receive(s, { type: "decide", at: T0, label: tag(1), decision: "reject" }, rules).refused).toMatch(/why/);
    const missing = receive(
      s,
      { type: "decide", at: T0, label: tag(1), decision: "reject", reason: "wrong-tag" },
      rules,
    );
    expect(missing.state.lines[tag(1)]!.decision).toMatchObject({ receivedQuantity: 0, reason: "wrong-tag" });
  });

  it("sends an unexpected package to quarantine, marked unexpected", () => {
    const { s } = run([scan(tag(99))]);
    expect(
      receive(s, { type: "decide", at: T0, label: tag(99), decision: "accept", placement: shelf }, rules).refused,
    ).toMatch(/not on the manifest/);
    const step = receive(
      s,
      { type: "decide", at: T0, label: tag(99), decision: "reject", reason: "not-ordered" },
      rules,
    );
    const d = step.state.lines[tag(99)]!.decision!;
    expect(d).toMatchObject({ unexpected: true, location: "Quarantine", reason: "not-ordered" });
    expect(
      ReceivePayload.safeParse({ action: "line", manifestNumber: "0000012345", receivingId: "r-1", line: d }).success,
    ).toBe(true);
  });

  it("completes only when every package has a decision, with all decisions in order", () => {
    const { s, last } = run([
      scan(tag(1)),
      scan(tag(2)),
      { type: "weight", grams: 665.4, stable: true, at: T0 + 3 },
      { type: "complete", at: T0 + 4 },
    ]);
    expect(last.refused).toBe("4 packages still need a decision");
    const decided = run(
      [
        { type: "decide", at: T0, label: tag(1), decision: "accept", placement: shelf },
        { type: "decide", at: T0, label: tag(2), decision: "accept", placement: shelf },
        { type: "decide", at: T0, label: tag(3), decision: "reject", reason: "failed-lab" },
        { type: "decide", at: T0, label: tag(4), decision: "reject", reason: "no-coa" },
        { type: "complete", at: T0 + 9 },
      ],
      s,
    );
    expect(decided.s.status).toBe("completed");
    const done = decided.last.effects[0];
    expect(done?.type === "publish-completed" && done.lines.map((l) => [l.label, l.decision])).toEqual([
      [tag(1), "accept"],
      [tag(2), "accept"],
      [tag(3), "reject"],
      [tag(4), "reject"],
    ]);
    expect(receive(decided.s, scan(tag(1)), rules).refused).toMatch(/closed/);
  });

  it("rejects the whole manifest only with a reason", () => {
    const { s } = run([scan(tag(1))]);
    expect(receive(s, { type: "reject-manifest", reason: "  ", at: T0 }, rules).refused).toMatch(/why/);
    const step = receive(s, { type: "reject-manifest", reason: "Seal broken on the tote", at: T0 }, rules);
    expect(step.state.status).toBe("rejected");
    expect(step.effects).toEqual([{ type: "publish-rejected-manifest", reason: "Seal broken on the tote" }]);
  });

  it("replaying the same inputs rebuilds the same state (how a power cut resumes)", () => {
    const inputs: ReceiveInput[] = [
      scan(tag(1)),
      scan(tag(99)),
      scan(tag(2)),
      { type: "weight", grams: 665.4, stable: true, at: T0 + 50 },
      { type: "decide", at: T0 + 51, label: tag(99), decision: "reject", reason: "not-ordered" },
    ];
    const first = run(inputs).s;
    const replayed = run(JSON.parse(JSON.stringify(inputs)) as ReceiveInput[]).s;
    expect(replayed).toEqual(first);
  });

  it("sets a manifest aside: scans and readings pass it by, taps are refused, resume picks it up", () => {
    const { s } = run([scan(tag(1)), { type: "pause", at: T0 + 1 }]);
    expect(s.paused).toBe(true);
    expect(receive(s, scan(tag(2)), rules)).toMatchObject({ changed: false, state: s });
    expect(
      receive(s, { type: "decide", at: T0, label: tag(1), decision: "accept", placement: shelf }, rules).refused,
    ).toMatch(/set aside: resume it first/);
    const back = receive(s, { type: "resume", at: T0 + 2 }, rules);
    expect(back.state.paused).toBe(false);
    expect(
      receive(back.state, { type: "decide", at: T0, label: tag(1), decision: "accept", placement: shelf }, rules)
        .changed,
    ).toBe(true);
  });

  it("removes a mistaken scan of a package not on the manifest, never a manifest line or a decided one", () => {
    const { s } = run([scan(tag(1)), scan(tag(99)), scan(tag(98))]);
    const removed = receive(s, { type: "remove", label: tag(99), at: T0 }, rules);
    expect(removed.state.order).not.toContain(tag(99));
    expect(removed.state.lines[tag(99)]).toBeUndefined();
    expect(progress(removed.state).unexpected).toBe(1);
    expect(removed.effects).toEqual([{ type: "publish-removed", label: tag(99), scans: 1 }]);
    expect(
      ReceivePayload.safeParse({
        action: "scan-removed",
        manifestNumber: "0000012345",
        receivingId: "r-1",
        label: tag(99),
        scans: 1,
      }).success,
    ).toBe(true);
    expect(receive(s, { type: "remove", label: tag(1), at: T0 }, rules).refused).toMatch(
      /not on the manifest can be removed/,
    );
    const decided = receive(
      s,
      { type: "decide", at: T0, label: tag(98), decision: "reject", reason: "not-ordered" },
      rules,
    ).state;
    expect(receive(decided, { type: "remove", label: tag(98), at: T0 }, rules).refused).toMatch(/Already decided/);
  });

  it("refuses a corrected quantity above the shipped one and asks before one far below it", () => {
    const checked: ReceiveRules = { ...rules, confirmBelowPct: 50 };
    const { s } = run([scan(tag(1))]);
    const corrected = (quantity: number, confirmed?: boolean) =>
      receive(
        s,
        { type: "decide", at: T0, label: tag(1), decision: "accept-corrected", quantity, confirmed, placement: shelf },
        checked,
      );
    expect(corrected(11)).toMatchObject({
      changed: false,
      refused: "11 Each is more than the 10 Each shipped: count or weigh it again, or reject the package",
    });
    expect(corrected(11).confirm).toBeUndefined();
    expect(corrected(4)).toMatchObject({
      changed: false,
      confirm: true,
      refused: "Only 4 Each of the 10 Each shipped: accept 4 Each?",
    });
    expect(corrected(4, true).state.lines[tag(1)]!.decision).toMatchObject({
      decision: "accept-corrected",
      receivedQuantity: 4,
    });
    expect(corrected(5).changed).toBe(true);
    // A receiving begun before these checks (no confirmBelowPct in its rules) replays as it decided then.
    expect(
      receive(
        s,
        { type: "decide", at: T0, label: tag(1), decision: "accept-corrected", quantity: 11, placement: shelf },
        rules,
      ).changed,
    ).toBe(true);
  });

  it("weighs in the container chosen, before or after weighing, from the same gross", () => {
    const { s } = run([scan(tag(2)), { type: "weight", grams: 453.2, stable: true, at: T0 + 50 }]);
    expect(s.lines[tag(2)]!.weight).toMatchObject({
      netGrams: 241.2,
      tareGrams: 212,
      container: "the item profile's container",
      verdict: "short",
    });
    const none = receive(
      s,
      { type: "container", label: tag(2), container: { name: "no container", tareGrams: 0 } },
      rules,
    ).state;
    expect(none.lines[tag(2)]!.weight).toMatchObject({
      grossGrams: 453.2,
      netGrams: 453.2,
      tareGrams: 0,
      verdict: "ok",
    });
    const before = run([
      scan(tag(2)),
      { type: "container", label: tag(2), container: { name: "Mylar bag", tareGrams: 9 } },
      { type: "weight", grams: 462.5, stable: true, at: T0 + 60 },
    ]).s;
    expect(before.lines[tag(2)]!.weight).toMatchObject({ netGrams: 453.5, container: "Mylar bag", verdict: "ok" });
    expect(
      receive(s, { type: "container", label: tag(1), container: { name: "Mylar bag", tareGrams: 9 } }, rules).refused,
    ).toMatch(/not weighed/);
  });
});
