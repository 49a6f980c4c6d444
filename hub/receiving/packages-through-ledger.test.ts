import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { upsertEmployees } from "#hub/ledger/employees.js";
import { insertEvents, toEventRow } from "#hub/ledger/events.js";
import type { PackageHistoryEntry } from "#hub/ledger/history.js";
import { silentLog } from "#hub/log.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedLabs,
  seedTransfer,
  T_FAIL,
  T_PASS,
} from "#hub/testing/receiving-kit.js";
import { createApp } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";
import { applyReceiveEvent } from "./decisions.js";
import { holdRejectedInQuarantine } from "./quarantine-hold.js";
import { RECEIVING_ADJUSTMENT_REASON } from "./vault-packages.js";
import { singleSite } from "#hub/sites/directory.js";

const DOOR_SESSION = "01a21f73-5003-7047-b575-fa5b11f2d001";

describe.each(await testDialects())("receiving changes packages through the ledger (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedItems(db());
    await seedLabs(db());
    await seedTransfer(db());
    await upsertEmployees(db(), [
      { id: "emp-001", name: "Dana Reyes", role: "coordinator", badge: "EMP-0001", pinHash: "scrypt$x", active: true },
    ]);
    await insertEvents(db(), [
      toEventRow(
        {
          id: "01a21f73-5003-7047-b575-fa5b11f2d002",
          type: "door",
          stationId: "vault-1",
          siteId: "site-1",
          at: "2026-11-27T09:55:00.000Z",
          employeeId: "emp-001",
          payload: { doorId: "vault-door", open: true, doorSessionId: DOOR_SESSION },
        },
        "2026-11-27T09:55:01.000Z",
      ),
    ]);
  });
  afterAll(async () => ledger.dispose());

  const movementsOf = (label: string) =>
    db().selectFrom("movements").selectAll().where("label", "=", label).orderBy("at").orderBy("id").execute();

  it("records a decision at the vault as a movement with who, where, the door session and the manifest, under the decision's audit entry", async () => {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent(
        {
          action: "line",
          manifestNumber: MANIFEST,
          receivingId: "rcv-1",
          line: decision(T_PASS, { location: "Vault A-2" }),
        },
        { at: "2026-11-27T10:00:00.000Z" },
      ),
      "2026-11-27T10:00:01.000Z",
    );
    const [m] = await movementsOf(T_PASS);
    expect(m).toMatchObject({
      from_location: null,
      to_location: "Vault A-2",
      to_status: "active",
      reason: "receiving.accepted",
      actor: "emp-001",
      employee_id: "emp-001",
      station_id: "vault-1",
      site_id: TEST_SITE,
      door_session_id: DOOR_SESSION,
      source_kind: "manifest",
      source_ref: MANIFEST,
    });
    const entry = (await listAudit(db())).find((a) => a.seq === Number(m!.audit_seq));
    expect(entry).toMatchObject({ action: "receiving.line.accepted", subject: `package ${T_PASS}` });
  });

  it("records a corrected quantity as an adjustment, and a refused manifest's accepted packages as moves to quarantine", async () => {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent(
        {
          action: "line",
          manifestNumber: MANIFEST,
          receivingId: "rcv-1",
          line: decision(T_PASS, {
            decision: "accept-corrected",
            receivedQuantity: 46,
            note: "two short",
            location: "Vault A-2",
          }),
        },
        { at: "2026-11-27T10:05:00.000Z" },
      ),
      "2026-11-27T10:05:01.000Z",
    );
    const [a] = await db().selectFrom("adjustments").selectAll().where("label", "=", T_PASS).execute();
    expect(a).toMatchObject({
      reason: RECEIVING_ADJUSTMENT_REASON,
      note: "two short",
      source_ref: MANIFEST,
      employee_id: "emp-001",
    });
    expect([Number(a!.quantity_before), Number(a!.quantity_after)]).toEqual([48, 46]);
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent(
        {
          action: "rejected-manifest",
          manifestNumber: MANIFEST,
          receivingId: "rcv-1",
          reason: "Seal broken on the tote",
        },
        { at: "2026-11-27T10:10:00.000Z" },
      ),
      "2026-11-27T10:10:01.000Z",
    );
    const held = (await movementsOf(T_PASS)).at(-1)!;
    expect(held).toMatchObject({
      from_location: "Vault A-2",
      to_location: "Quarantine",
      to_status: "quarantine",
      reason: "receiving.manifest-refused",
    });
    expect((await listAudit(db())).find((e) => e.seq === Number(held.audit_seq))).toMatchObject({
      action: "package.moved",
      detail: { change: { why: "receiving.manifest-refused" } },
    });
  });

  it("records the quarantine hold as a movement under its receiving.quarantine.kept entry", async () => {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent(
        {
          action: "line",
          manifestNumber: MANIFEST,
          receivingId: "rcv-1",
          line: decision(T_FAIL, {
            decision: "reject",
            reason: "failed-lab",
            receivedQuantity: 24,
            location: "Quarantine",
          }),
        },
        { at: "2026-11-27T10:12:00.000Z" },
      ),
      "2026-11-27T10:12:01.000Z",
    );
    // The package left quarantine behind the vault's back (as quarantine-hold.test.ts sets it up).
    await db()
      .updateTable("packages")
      .set({ status: "active", location: "Vault A-1" })
      .where("label", "=", T_FAIL)
      .execute();
    await holdRejectedInQuarantine(db(), TEST_SITE, "2026-11-27T12:00:00.000Z");
    const kept = (await movementsOf(T_FAIL)).at(-1)!;
    expect(kept).toMatchObject({
      from_status: "active",
      to_status: "quarantine",
      to_location: "Quarantine",
      reason: "receiving.quarantine-kept",
      actor: "system",
      source_ref: MANIFEST,
    });
    expect((await listAudit(db())).find((e) => e.seq === Number(kept.audit_seq))).toMatchObject({
      action: "receiving.quarantine.kept",
    });
  });

  it("serves the package's history with its movements and adjustments, employee names, quantities and manifest, oldest first", async () => {
    const app = createApp({
      db: db(),
      dialect,
      log: silentLog(),
      clock: { now: () => Date.parse("2026-11-27T12:00:00.000Z") },
      sites: singleSite(),
      live: new LiveFeed({ db: db(), log: silentLog(), sites: singleSite() }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
    });
    const body = (await (await app.request(`/api/packages/${T_PASS}`)).json()) as {
      status: string;
      quantity: number;
      history: PackageHistoryEntry[];
    };
    // A refused manifest goes back as shipped: the hold restores the shipped 48 after the corrected 46.
    expect(body).toMatchObject({ status: "quarantine", quantity: 48 });
    expect(body.history.map((h) => [h.type, h.at])).toEqual([
      ["movement", "2026-11-27T10:00:00.000Z"],
      ["adjustment", "2026-11-27T10:05:00.000Z"],
      ["movement", "2026-11-27T10:10:00.000Z"],
      ["adjustment", "2026-11-27T10:10:00.000Z"],
    ]);
    expect(body.history[3]).toMatchObject({ quantityBefore: 46, quantityAfter: 48 });
    expect(body.history[0]).toMatchObject({
      employeeId: "emp-001",
      employeeName: "Dana Reyes",
      stationId: "vault-1",
      quantity: 48,
      unit: "Each",
      source: { kind: "manifest", ref: MANIFEST },
      doorSessionId: DOOR_SESSION,
    });
    expect(body.history[1]).toMatchObject({
      employeeName: "Dana Reyes",
      quantityBefore: 48,
      quantityAfter: 46,
      delta: -2,
      reason: RECEIVING_ADJUSTMENT_REASON,
      note: "two short",
    });
    const page = await (await app.request(`/packages/${T_PASS}`)).text();
    expect(page).toContain("Dana Reyes");
    // The move in words (issue 10 item 12): the ledger's reason code becomes "manifest refused".
    expect(page).toContain(
      `manifest refused: Vault A-2 (active) → Quarantine (quarantine), 48 Each, manifest ${MANIFEST}`,
    );
    expect(page).not.toContain("receiving.manifest-refused");
  });
});
