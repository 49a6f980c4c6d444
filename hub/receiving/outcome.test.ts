import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { buildChecklist, checklistCsv, type Checklist } from "./checklist.js";
import { applyReceiveEvent } from "./decisions.js";
import { sameQuantity, watchOutcomes } from "./outcome.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedLabs,
  seedTransfer,
  T_BULK,
  T_FAIL,
  T_NOLAB,
  T_PASS,
  T_STRAY,
} from "#hub/testing/receiving-kit.js";

const COMPLETED_AT = "2026-11-27T10:30:00.000Z";
const HOUR = 3_600_000;

describe("sameQuantity", () => {
  it("is equal within half a hundredth of the vault's unit, across weight units, never across count and weight", () => {
    expect(sameQuantity(450.2, "Grams", 450.204, "Grams")).toBe(true);
    expect(sameQuantity(450.2, "Grams", 450.21, "Grams")).toBe(false);
    expect(sameQuantity(453.59, "Grams", 1, "Pounds")).toBe(true);
    expect(sameQuantity(48, "Each", 47, "Each")).toBe(false);
    expect(sameQuantity(1, "Each", 1, "Grams")).toBe(false);
  });
});

describe.each(await testDialects())("checklist and outcome watch (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger.dispose());
  beforeEach(async () => {
    for (const t of [
      "ss_transfer_packages",
      "ss_deliveries",
      "ss_transfers",
      "receiving_lab_results",
      "receiving_manifests",
      "receiving_lines",
      "receiving_applied_events",
      "receiving_flags",
      "packages",
      "items",
      "audit_entries",
    ] as const) {
      await db().deleteFrom(t).execute();
    }
    await seedItems(ledger.db);
    await seedLabs(ledger.db);
    await seedTransfer(ledger.db);
  });

  /** The vault: bulk accepted short (corrected), 3.5g accepted, failed-lab rejected, no decision on T_NOLAB, one stray. */
  async function complete(): Promise<void> {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent(
        {
          action: "completed",
          manifestNumber: MANIFEST,
          receivingId: "rcv-1",
          lines: [
            decision(T_BULK, {
              decision: "accept-corrected",
              receivedQuantity: 450.2,
              unit: "Grams",
              netGrams: 450.2,
              grossGrams: 662.2,
              location: "Vault B-2",
              note: "scale",
            }),
            decision(T_PASS, { location: "Vault A-1" }),
            decision(T_FAIL, {
              decision: "reject",
              reason: "failed-lab",
              receivedQuantity: 24,
              location: "Quarantine",
            }),
            decision(T_STRAY, {
              decision: "reject",
              reason: "not-ordered",
              receivedQuantity: 1,
              location: "Quarantine",
              unexpected: true,
            }),
          ],
        },
        { at: COMPLETED_AT },
      ),
      COMPLETED_AT,
    );
  }

  async function metrcRecords(states: Record<string, { state: string; qty?: number }>): Promise<void> {
    for (const [label, s] of Object.entries(states)) {
      await db()
        .updateTable("ss_transfer_packages")
        .set({ state: s.state, received_quantity: s.qty ?? null })
        .where("label", "=", label)
        .execute();
    }
  }

  it("lists each package in METRC's order with what to choose and type; the stray one is not entered", async () => {
    expect(await buildChecklist(db(), TEST_SITE, MANIFEST)).toEqual({ open: true, decided: 0 });
    expect(await buildChecklist(db(), TEST_SITE, "0000000000")).toBeNull();
    await complete();
    const c = (await buildChecklist(db(), TEST_SITE, MANIFEST)) as Checklist;
    expect(c.rows.map((r) => [r.position, r.label, r.action, r.receivedQuantity, r.location])).toEqual([
      [1, T_BULK, "accept", 450.2, "Vault B-2"],
      [2, T_PASS, "accept", 48, "Vault A-1"],
      [3, T_FAIL, "reject", null, null],
      [4, T_NOLAB, "reject", null, null],
      [null, T_STRAY, "not-on-manifest", 1, "Quarantine"],
    ]);
    expect(c.rows[0]!.enter).toBe(
      "Received quantity corrected at the vault: 450.2 Grams against 453.6 Grams shipped (scale)",
    );
    expect(c.rows[2]!.enter).toBe("Failed lab testing");
    expect(c.rows[3]!.enter).toBe("Not found in the delivery at the vault");
    const csv = checklistCsv(c).split("\r\n");
    expect(csv[0]).toBe(
      "position,label,item,shipped_quantity,shipped_unit,action,received_quantity,unit,location,enter_in_metrc",
    );
    expect(csv[1]).toBe(
      `1,${T_BULK},OG Kush Bulk,453.6,Grams,accept,450.2,Grams,Vault B-2,Received quantity corrected at the vault: 450.2 Grams against 453.6 Grams shipped (scale)`,
    );
    expect(csv[5]).toBe(
      `,${T_STRAY},Not on this manifest,,,not-on-manifest,1,Each,Quarantine,Do not enter in METRC with this manifest: held in quarantine; contact the shipper`,
    );
    expect(
      checklistCsv({ ...c, rows: [{ ...c.rows[0]!, itemName: 'Gelato "33", 1/8 oz' }] }).split("\r\n")[1],
    ).toContain(',"Gelato ""33"", 1/8 oz",');
  });

  it("tells to reject every package of a manifest the vault refused whole, even one accepted before", async () => {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: decision(T_PASS) }),
      COMPLETED_AT,
    );
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({
        action: "rejected-manifest",
        manifestNumber: MANIFEST,
        receivingId: "rcv-1",
        reason: "Seals broken or packages tampered with",
      }),
      COMPLETED_AT,
    );
    const c = (await buildChecklist(db(), TEST_SITE, MANIFEST)) as Checklist;
    expect(c).toMatchObject({ status: "rejected", rejectReason: "Seals broken or packages tampered with" });
    expect(c.rows.map((r) => [r.label, r.action])).toEqual([
      [T_BULK, "reject"],
      [T_PASS, "reject"],
      [T_FAIL, "reject"],
      [T_NOLAB, "reject"],
    ]);
    expect(c.rows[0]!.enter).toBe("Whole manifest refused: Seals broken or packages tampered with");
  });

  it("flags packages whose METRC outcome differs, with an audit entry each, and clears them once corrected", async () => {
    await complete();
    await metrcRecords({
      [T_BULK]: { state: "Accepted", qty: 453.6 },
      [T_PASS]: { state: "Rejected" },
      [T_FAIL]: { state: "Rejected" },
      [T_NOLAB]: { state: "Accepted", qty: 10 },
    });
    const now = Date.parse(COMPLETED_AT) + HOUR;
    expect(await watchOutcomes(db(), TEST_SITE, { nowMs: now, graceMs: 24 * HOUR })).toEqual({
      flagged: 3,
      cleared: 0,
      open: 3,
    });
    const flags = await db()
      .selectFrom("receiving_flags")
      .select(["label", "kind", "detail"])
      .orderBy("label")
      .execute();
    expect(flags.map((f) => [f.label, f.kind])).toEqual(
      [
        [T_PASS, "state-differs"],
        [T_BULK, "quantity-differs"],
        [T_NOLAB, "state-differs"],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(flags.find((f) => f.label === T_BULK)!.detail).toBe(
      "Vault verified 450.2 Grams; METRC shows 453.6 Grams received.",
    );
    expect(await watchOutcomes(db(), TEST_SITE, { nowMs: now, graceMs: 24 * HOUR })).toEqual({
      flagged: 0,
      cleared: 0,
      open: 3,
    });
    await metrcRecords({ [T_BULK]: { state: "Accepted", qty: 450.2 } });
    expect(await watchOutcomes(db(), TEST_SITE, { nowMs: now, graceMs: 24 * HOUR })).toMatchObject({
      flagged: 0,
      cleared: 1,
    });
    const actions = (await listAudit(ledger.db)).map((a) => a.action).filter((a) => a.startsWith("receiving.mismatch"));
    expect(actions).toEqual([
      "receiving.mismatch.flagged",
      "receiving.mismatch.flagged",
      "receiving.mismatch.flagged",
      "receiving.mismatch.cleared",
    ]);
  });

  it("flags a package still Shipped in METRC only after the grace period", async () => {
    await complete();
    const done = Date.parse(COMPLETED_AT);
    expect((await watchOutcomes(db(), TEST_SITE, { nowMs: done + 23 * HOUR, graceMs: 24 * HOUR })).open).toBe(0);
    expect((await watchOutcomes(db(), TEST_SITE, { nowMs: done + 25 * HOUR, graceMs: 24 * HOUR })).open).toBe(4);
    const f = await db()
      .selectFrom("receiving_flags")
      .selectAll()
      .where("label", "=", T_PASS)
      .executeTakeFirstOrThrow();
    expect(f).toMatchObject({ kind: "still-shipped", state_state: "Shipped", vault_decision: "accept" });
    expect(f.detail).toContain("25 h ago");
  });

  it("stops watching a manifest 30 days after the vault finished it, unless a flag still stands", async () => {
    await complete();
    await metrcRecords({ [T_PASS]: { state: "Rejected" } });
    const done = Date.parse(COMPLETED_AT);
    expect((await watchOutcomes(db(), TEST_SITE, { nowMs: done + 31 * 24 * HOUR, graceMs: 24 * HOUR })).open).toBe(0);
    expect((await watchOutcomes(db(), TEST_SITE, { nowMs: done + 2 * HOUR, graceMs: 24 * HOUR })).flagged).toBe(1);
    expect(
      (await watchOutcomes(db(), TEST_SITE, { nowMs: done + 31 * 24 * HOUR, graceMs: 24 * HOUR })).open,
    ).toBeGreaterThanOrEqual(1);
  });

  it("matches when METRC records what the vault verified", async () => {
    await complete();
    await metrcRecords({
      [T_BULK]: { state: "Accepted", qty: 450.2 },
      [T_PASS]: { state: "Accepted", qty: 48 },
      [T_FAIL]: { state: "Rejected" },
      [T_NOLAB]: { state: "Rejected" },
    });
    expect(
      await watchOutcomes(db(), TEST_SITE, { nowMs: Date.parse(COMPLETED_AT) + 48 * HOUR, graceMs: 24 * HOUR }),
    ).toEqual({ flagged: 0, cleared: 0, open: 0 });
  });
});
