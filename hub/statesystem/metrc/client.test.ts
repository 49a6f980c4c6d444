import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { StateSystemError } from "../errors.js";
import {
  collect,
  INCOMING_1,
  INCOMING_2,
  LABEL_A,
  LABEL_B,
  LABEL_C,
  startRig,
  type Rig,
} from "#hub/testing/metrc-rig.js";

describe("METRC client against the simulator", () => {
  let clock: FakeClock;
  let rig: Rig;
  beforeEach(async () => {
    clock = new FakeClock();
    rig = await startRig({ clock });
  });
  afterEach(() => rig.stop());

  it("lists active, on-hold and inactive packages with item, quantity and unit", async () => {
    const active = await collect(rig.client.packages("active", { until: new Date(clock.now()) }));
    expect(active.map((p) => p.label).sort()).toEqual([LABEL_A, LABEL_B]);
    const a = active.find((p) => p.label === LABEL_A)!;
    expect(a).toMatchObject({
      itemName: "Blue Dream 3.5g",
      quantity: 24,
      unit: "Each",
      location: "Vault A-1",
      status: "active",
    });
    const held = await collect(rig.client.packages("on-hold", { until: new Date(clock.now()) }));
    expect(held.map((p) => p.label)).toEqual([LABEL_C]);
    expect(await collect(rig.client.packages("inactive", { until: new Date(clock.now()) }))).toEqual([]);
  });

  it("pages 20 at a time and walks lastModified windows of 24 h, oldest first", async () => {
    for (let i = 0; i < 45; i++) {
      rig.sim.control.state.addPackage(
        {
          label: `1A4FF0100000022${String(i).padStart(9, "0")}`,
          itemName: "OG Kush Bulk",
          quantity: 1,
          unit: "Grams",
          location: "Vault A-1",
          packagedDate: "2026-11-01",
        },
        clock.now() - 3_600_000,
      );
    }
    const since = new Date(clock.now() - 4 * 86_400_000);
    const batches = [];
    for await (const b of rig.client.packages("active", { since, until: new Date(clock.now()) })) batches.push(b);
    const gets = rig.log.filter((r) => r.path.startsWith("/packages/v2/active"));
    expect(gets.every((r) => r.path.includes("pageSize=20"))).toBe(true);
    const starts = gets.map((r) => new URL(`http://x${r.path}`).searchParams.get("lastModifiedStart")!);
    expect([...starts].sort()).toEqual(starts);
    expect(batches.flatMap((b) => b.records)).toHaveLength(47);
    expect(batches.at(-1)!.checkpoint!.getTime()).toBe(clock.now());
    expect(batches.filter((b) => b.checkpoint).length).toBe(4);
  });

  it("finds a package by label and answers null for an unknown one", async () => {
    expect((await rig.client.packageByLabel(LABEL_B))!.quantity).toBe(453.6);
    expect(await rig.client.packageByLabel("1A4060300012B7C999999999")).toBeNull();
  });

  it("reads items, locations, adjustment reasons, transfers, deliveries and their packages", async () => {
    const until = new Date(clock.now());
    expect((await collect(rig.client.items({ until }))).map((i) => i.name)).toContain("OG Kush Bulk");
    expect((await collect(rig.client.locations())).map((l) => l.name)).toContain("Quarantine");
    expect((await rig.client.adjustmentReasons()).find((r) => r.name === "Spoilage")?.requiresNote).toBe(true);
    const [t] = await collect(rig.client.incomingTransfers({ until }));
    expect(t).toMatchObject({ manifestNumber: "0000900001", packageCount: 2, receivedPackageCount: 0 });
    const [d] = await rig.client.deliveries(t!.stateId);
    const pkgs = await rig.client.deliveryPackages(d!.stateId);
    expect(pkgs.map((p) => [p.label, p.state])).toEqual([
      [INCOMING_1, "Shipped"],
      [INCOMING_2, "Shipped"],
    ]);
    // The request log ties the delivery listing to each package on it.
    expect(rig.log.find((r) => r.path.includes("/deliveries/") && r.path.includes("/packages"))!.labels).toEqual([
      INCOMING_1,
      INCOMING_2,
    ]);
  });

  it("sees the packages a transfer's receiver accepted or rejected in the web UI", async () => {
    rig.sim.control.receiveTransfer("0000900001", {
      accept: [INCOMING_1],
      reject: [INCOMING_2],
      location: "Vault A-2",
    });
    const [t] = await collect(rig.client.incomingTransfers({ until: new Date(clock.now()) }));
    const [d] = await rig.client.deliveries(t!.stateId);
    const pkgs = await rig.client.deliveryPackages(d!.stateId);
    expect(pkgs.map((p) => p.state)).toEqual(["Accepted", "Rejected"]);
    expect(await rig.client.packageByLabel(INCOMING_1)).toMatchObject({
      receivedFromManifest: "0000900001",
      location: "Vault A-2",
      quantity: 48,
    });
  });

  it("reads lab results and downloads the COA document", async () => {
    const pkg = (await rig.client.packageByLabel(LABEL_B))!;
    const results = await rig.client.labResults(pkg.stateId, pkg.label);
    expect(results.map((r) => r.testType).sort()).toEqual(["Microbiologicals", "THC"]);
    const coa = await rig.client.coaDocument(results.find((r) => r.documentFileId)!.documentFileId!);
    expect(coa.contentType).toContain("pdf");
    expect(new TextDecoder().decode(coa.body)).toContain(LABEL_B);
  });

  it("adjusts, moves, notes, finishes and unfinishes a package", async () => {
    await rig.client.submit({
      kind: "adjustment",
      label: LABEL_B,
      quantity: -3.6,
      unit: "Grams",
      reason: "Drying",
      date: "2026-11-27",
    });
    await rig.client.submit({ kind: "location-move", label: LABEL_B, location: "Sales Floor", date: "2026-11-27" });
    await rig.client.submit({ kind: "note", label: LABEL_B, note: "moved for display" });
    expect(await rig.client.packageByLabel(LABEL_B)).toMatchObject({
      quantity: 450,
      location: "Sales Floor",
      note: "moved for display",
    });
    await rig.client.submit({
      kind: "adjustment",
      label: LABEL_B,
      quantity: -450,
      unit: "Grams",
      reason: "Entry Error",
      date: "2026-11-27",
    });
    await rig.client.submit({ kind: "finish", label: LABEL_B, date: "2026-11-27" });
    expect((await rig.client.packageByLabel(LABEL_B))!.status).toBe("inactive");
    await rig.client.submit({ kind: "unfinish", label: LABEL_B });
    expect((await rig.client.packageByLabel(LABEL_B))!.status).toBe("active");
  });

  it("records a sale in local facility time and finds it again by the hub's receipt number", async () => {
    const out = await rig.client.submit({
      kind: "receipt",
      externalNumber: "R-2026-0001",
      soldAt: "2026-11-27T20:15:00.000Z",
      customerType: "Consumer",
      lines: [{ label: LABEL_A, quantity: 2, unit: "Each", totalAmount: 70 }],
    });
    expect(out.stateIds).toHaveLength(1);
    const [r] = await collect(rig.client.receipts("active", { until: new Date(clock.now()) }));
    // 20:15 UTC is 12:15 in Oakland (PST, UTC-8) in late November.
    expect(r).toMatchObject({ externalNumber: "R-2026-0001", salesDateTime: "2026-11-27T12:15:00.000" });
    expect(r!.lines).toEqual([{ label: LABEL_A, quantity: 2, unit: "Each", totalAmount: 70 }]);
    expect((await rig.client.packageByLabel(LABEL_A))!.quantity).toBe(22);
  });

  it("voids a sale, which METRC then lists as inactive, and tells whether a void went through", async () => {
    const sale = {
      kind: "receipt" as const,
      externalNumber: "R-2026-0002",
      soldAt: "2026-11-27T20:15:00.000Z",
      customerType: "Consumer" as const,
      lines: [{ label: LABEL_A, quantity: 1, unit: "Each", totalAmount: 35 }],
    };
    await rig.client.submit(sale);
    const voidIt = { kind: "receipt-void" as const, externalNumber: "R-2026-0002" };
    expect((await rig.client.check(voidIt, { confirmedTwins: 0 })).verdict).toBe("absent");
    await rig.client.submit(voidIt);
    expect((await rig.client.check(voidIt, { confirmedTwins: 0 })).verdict).toBe("applied");
    const until = new Date(clock.now() + 1);
    expect(await collect(rig.client.receipts("active", { until }))).toEqual([]);
    const [inactive] = await collect(rig.client.receipts("inactive", { until }));
    expect(inactive).toMatchObject({ externalNumber: "R-2026-0002", voided: true });
    const missing = await rig.client.submit({ kind: "receipt-void", externalNumber: "R-NONE" }).catch((e) => e);
    expect(missing.code).toBe("UPSTREAM_REJECTED");
  });

  it("turns METRC's row errors into a typed error naming the row and the package", async () => {
    const e = await rig.client
      .submit({
        kind: "adjustment",
        label: LABEL_A,
        quantity: -100,
        unit: "Each",
        reason: "Drying",
        date: "2026-11-27",
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(StateSystemError);
    expect(e.code).toBe("UPSTREAM_REJECTED");
    expect(e.context.rows).toEqual([expect.objectContaining({ row: 0, label: LABEL_A })]);
    expect(e.message).toContain(`row 0 (package ${LABEL_A})`);
    expect(e.message).toContain("below zero");
  });

  it("rejects a unit mismatch, an unknown tag and a missing note where the reason requires one", async () => {
    const cases = [
      {
        kind: "adjustment" as const,
        label: LABEL_A,
        quantity: -1,
        unit: "Grams",
        reason: "Drying",
        date: "2026-11-27",
      },
      {
        kind: "adjustment" as const,
        label: "1A4060300012B7C999999999",
        quantity: -1,
        unit: "Each",
        reason: "Drying",
        date: "2026-11-27",
      },
      {
        kind: "adjustment" as const,
        label: LABEL_A,
        quantity: -1,
        unit: "Each",
        reason: "Spoilage",
        date: "2026-11-27",
      },
    ];
    const messages = [];
    for (const w of cases) messages.push(((await rig.client.submit(w).catch((x) => x)) as StateSystemError).message);
    expect(messages[0]).toMatch(/does not match package/);
    expect(messages[1]).toMatch(/is not available/);
    expect(messages[2]).toMatch(/note is required/);
    expect((await rig.client.packageByLabel(LABEL_A))!.quantity).toBe(24);
  });

  it("gives up on a GET that keeps timing out, with a typed timeout error after its retries", async () => {
    const slow = await startRig({ clock, client: { timeoutMs: 100 } });
    slow.sim.control.setFaults({ latencyMs: 400 });
    try {
      const e = (await slow.client.packageByLabel(LABEL_A).catch((x) => x)) as StateSystemError;
      expect(e.code).toBe("UPSTREAM_TIMEOUT");
      expect(slow.log.filter((r) => r.path.startsWith(`/packages/v2/${LABEL_A}`))).toHaveLength(6);
      expect(slow.log.every((r) => r.status === null && r.error?.startsWith("UPSTREAM_TIMEOUT"))).toBe(true);
    } finally {
      await slow.stop();
    }
  });

  it("keeps every request and answer in the request log, without the keys", async () => {
    await rig.client.submit({ kind: "note", label: LABEL_A, note: "checked" });
    const rec = rig.log.find((r) => r.path.startsWith("/packages/v2/note"))!;
    expect(rec).toMatchObject({ method: "PUT", status: 200, labels: [LABEL_A], system: "metrc" });
    expect(rec.requestBody).toContain("checked");
    const all = JSON.stringify(rig.log);
    expect(all).not.toContain(rig.sim.control.keys.userKey);
    expect(all).not.toContain(rig.sim.control.keys.vendorKey);
  });
});
