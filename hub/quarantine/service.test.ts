import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listPackages } from "#hub/ledger/package-list.js";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { P1, P2, recordingStateSystem, seedVault, stationEvent } from "#hub/testing/restock-kit.js";
import { createQuarantineService, type QuarantineService } from "./service.js";

const dialects = await testDialects();

describe.each(dialects)("quarantine service (%s)", (dialect) => {
  let ledger: TestLedger;
  let service: QuarantineService;
  let ss: ReturnType<typeof recordingStateSystem>;
  let upserts: string[][];
  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    await seedVault(ledger.db);
    ss = recordingStateSystem();
    upserts = [];
    service = createQuarantineService({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => Date.parse("2026-11-27T15:00:00Z") },
      sites: singleSite(),
      stationSync: {
        publishCatalogChange: async (c) => void upserts.push((c.packages ?? []).map((p) => `${p.label}:${p.status}`)),
      },
      stateSystem: ss.forSite,
    });
  });
  afterEach(() => ledger.dispose());

  const sellable = async () =>
    (await listPackages(ledger.db, { sellable: true }, { limit: 100 })).rows.map((r) => r.pkg.label);
  const pkg = (label: string) =>
    ledger.db.selectFrom("packages").selectAll().where("label", "=", label).executeTakeFirstOrThrow();

  it("holds a package from the kiosk: unsellable, on the quarantine shelf, queued as a location change", async () => {
    expect(await sellable()).toContain(P1);
    service.eventsStored([
      stationEvent(
        "quarantine",
        {
          action: "hold",
          holdId: "h-1",
          label: P1,
          reason: "damaged",
          note: "cracked lid",
          location: "Quarantine",
          fromLocation: "Vault A-1",
        },
        { at: "2026-11-27T14:00:00.000Z" },
      ),
    ]);
    await service.settled();
    expect(await pkg(P1)).toMatchObject({ status: "quarantine", location: "Quarantine" });
    expect(await sellable()).not.toContain(P1);
    expect(await sellable()).toContain(P2);
    const move = await ledger.db
      .selectFrom("movements")
      .selectAll()
      .where("reason", "=", "quarantine.hold")
      .executeTakeFirstOrThrow();
    expect(move).toMatchObject({
      label: P1,
      from_location: "Vault A-1",
      to_status: "quarantine",
      source_kind: "quarantine",
      source_ref: "h-1",
    });
    expect(ss.writes.map((w) => w.write)).toEqual([
      { kind: "location-move", label: P1, location: "Quarantine", date: "2026-11-27" },
    ]);
    expect(upserts).toEqual([[`${P1}:quarantine`]]);
  });

  it("refuses a second hold of the same package, and a package it does not know", async () => {
    expect((await service.hold(TEST_SITE, { label: P1, reason: "recall", location: "Quarantine", by: "e-1" })).ok).toBe(
      true,
    );
    expect(
      await service.hold(TEST_SITE, { label: P1, reason: "recall", location: "Quarantine", by: "e-1" }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      await service.hold(TEST_SITE, {
        label: "1A4060300012B7C000999999",
        reason: "recall",
        location: "Quarantine",
        by: "e-1",
      }),
    ).toMatchObject({ ok: false, status: 404 });
  });

  it("releases only on a manager's approval of a release someone else asked for", async () => {
    const held = await service.hold(TEST_SITE, {
      label: P1,
      reason: "customer-return",
      location: "Quarantine",
      by: "e-coord",
    });
    if (!held.ok) throw new Error(held.reason);
    const early = await service.decide(TEST_SITE, { holdId: held.holdId, by: "e-manager", approve: true });
    expect(early).toMatchObject({ ok: false, status: 409, reason: expect.stringContaining("nobody asked to release") });
    expect((await pkg(P1)).status).toBe("quarantine");
    expect(await service.askRelease(TEST_SITE, { label: P1, by: "e-manager", note: "" })).toMatchObject({
      ok: false,
      status: 422,
    });
    expect((await service.askRelease(TEST_SITE, { label: P1, by: "e-manager", note: "seal intact" })).ok).toBe(true);
    const own = await service.decide(TEST_SITE, { holdId: held.holdId, by: "e-manager", approve: true });
    expect(own).toMatchObject({ ok: false, reason: expect.stringContaining("another manager") });
    const ok = await service.decide(TEST_SITE, { holdId: held.holdId, by: "e-admin", approve: true, note: "checked" });
    expect(ok.ok).toBe(true);
    expect(await pkg(P1)).toMatchObject({ status: "active", location: "Vault A-1" });
    expect(await sellable()).toContain(P1);
    const audit = await ledger.db.selectFrom("audit_entries").select("action").orderBy("seq").execute();
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("quarantine."))).toEqual([
      "quarantine.held",
      "quarantine.release.asked",
      "quarantine.released",
    ]);
    expect(ss.writes.map((w) => w.write.kind === "location-move" && w.write.location)).toEqual([
      "Quarantine",
      "Vault A-1",
    ]);
  });

  it("keeps a denied release in quarantine and lets the coordinator ask again", async () => {
    const held = await service.hold(TEST_SITE, { label: P2, reason: "damaged", location: "Quarantine", by: "e-coord" });
    if (!held.ok) throw new Error(held.reason);
    await service.askRelease(TEST_SITE, { label: P2, by: "e-coord", note: "relabelled" });
    expect(
      (
        await service.decide(TEST_SITE, {
          holdId: held.holdId,
          by: "e-manager",
          approve: false,
          note: "label still torn",
        })
      ).ok,
    ).toBe(true);
    expect((await pkg(P2)).status).toBe("quarantine");
    expect((await service.askRelease(TEST_SITE, { label: P2, by: "e-coord", note: "new label" })).ok).toBe(true);
  });

  it("does not release a package the vault rejected on a manifest: it goes back to the shipper", async () => {
    const at = "2026-11-27T10:00:00.000Z";
    await ledger.db
      .insertInto("receiving_manifests")
      .values({
        site_id: TEST_SITE,
        manifest_number: "0000000777",
        receiving_id: "rx",
        status: "completed",
        station_id: "vault-1",
        employee_id: null,
        started_at: at,
        completed_at: at,
        reject_reason: null,
        updated_at: at,
      })
      .execute();
    await ledger.db
      .insertInto("receiving_lines")
      .values({
        site_id: TEST_SITE,
        manifest_number: "0000000777",
        label: P2,
        receiving_id: "rx",
        decision: "reject",
        received_quantity: 10,
        unit: "Each",
        reason: "damaged-or-tampered",
        note: null,
        gross_grams: null,
        net_grams: null,
        location: "Quarantine",
        unexpected: 0,
        station_id: "vault-1",
        employee_id: null,
        event_id: "ev",
        decided_at: at,
      })
      .execute();
    const held = await service.hold(TEST_SITE, { label: P2, reason: "damaged", location: "Quarantine", by: "e-coord" });
    if (!held.ok) throw new Error(held.reason);
    await service.askRelease(TEST_SITE, { label: P2, by: "e-coord", note: "looks fine" });
    const out = await service.decide(TEST_SITE, { holdId: held.holdId, by: "e-manager", approve: true });
    expect(out).toMatchObject({ ok: false, status: 409, reason: expect.stringContaining("back to the shipper") });
    expect((await pkg(P2)).status).toBe("quarantine");
  });
});
