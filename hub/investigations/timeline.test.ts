import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import {
  COORDINATOR,
  investigationsFor,
  L_EACH,
  L_GRAMS,
  SITES,
  seedInvestigations,
  variance,
} from "#hub/testing/investigations-kit.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { doorSessions, sessionAround } from "./timeline.js";
import { packageTimeline } from "./timeline-reads.js";

const door = (at: string, open: boolean, id = "door-1", stationId = "vault-1") => ({
  stationId,
  at,
  payload: { doorId: "vault-door", open, doorSessionId: id },
});

describe("door sessions around timeline entries", () => {
  const sessions = doorSessions([
    door("2026-11-27T18:05:00Z", false),
    door("2026-11-27T18:00:00Z", true),
    door("2026-11-27T19:00:00Z", true, "door-2"),
    door("2026-11-27T18:01:00Z", true, "door-3", "vault-2"),
  ]);

  it("pairs openings and closings by session, whatever order they arrive in", () => {
    expect(sessions.map((s) => [s.id, s.stationId, s.openedAt, s.closedAt])).toEqual([
      ["door-1", "vault-1", "2026-11-27T18:00:00Z", "2026-11-27T18:05:00Z"],
      ["door-3", "vault-2", "2026-11-27T18:01:00Z", null],
      ["door-2", "vault-1", "2026-11-27T19:00:00Z", null],
    ]);
  });

  it("finds the session open on the entry's station at its time, or the one it names", () => {
    expect(sessionAround(sessions, "vault-1", "2026-11-27T18:03:00Z")?.id).toBe("door-1");
    expect(sessionAround(sessions, "vault-1", "2026-11-27T18:30:00Z")).toBeNull();
    expect(sessionAround(sessions, "vault-1", "2026-11-27T19:30:00Z")?.id).toBe("door-2");
    expect(sessionAround(sessions, "vault-2", "2026-11-27T17:59:00Z")).toBeNull();
    expect(sessionAround(sessions, null, "2026-11-27T18:03:00Z")).toBeNull();
    expect(sessionAround(sessions, "vault-1", "2026-11-27T18:30:00Z", "door-3")?.id).toBe("door-3");
  });
});

describe.each(await testDialects())("a package's whole timeline (%s)", (dialect) => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    const db = ledger.db;
    await seedInvestigations(db);
    const event = (id: string, type: string, at: string, label: string | null, payload: unknown) => ({
      id,
      type,
      station_id: "vault-1",
      site_id: TEST_SITE,
      at,
      employee_id: type === "door" ? null : COORDINATOR,
      label,
      payload: JSON.stringify(payload),
      received_at: at,
    });
    await db
      .insertInto("events")
      .values([
        event("e-1", "door", "2026-11-27T17:00:00.000Z", null, { doorId: "d", open: true, doorSessionId: "ds-1" }),
        event("e-2", "scan", "2026-11-27T17:01:00.000Z", L_EACH, {
          code: L_EACH,
          scannerId: "s1",
          classification: { kind: "metrc-tag", tag: L_EACH },
          workflow: "count",
        }),
        event("e-3", "door", "2026-11-27T17:06:00.000Z", null, { doorId: "d", open: false, doorSessionId: "ds-1" }),
      ])
      .execute();
    await recordPackageChanges(db, TEST_SITE, [
      {
        label: L_EACH,
        to: { location: "Sales Floor" },
        at: "2026-11-27T17:02:00.000Z",
        why: "restock",
        by: { actor: COORDINATOR, employeeId: COORDINATOR, stationId: "vault-1" },
      },
    ]);
    await db
      .insertInto("ss_receipts")
      .values({
        site_id: TEST_SITE,
        state_id: "9001",
        external_number: "R-1",
        sales_date_time: "2026-11-27T11:00:00",
        customer_type: "Consumer",
        lines: JSON.stringify([
          { label: L_GRAMS, quantity: 3.5, unit: "Grams", totalAmount: 30 },
          { label: L_EACH, quantity: 2, unit: "Each", totalAmount: 40 },
        ]),
        final: 1,
        voided: 0,
        last_modified: "2026-11-27T19:00:00Z",
      })
      .execute();
    const request = (id: string, method: string, path: string) => ({
      id,
      site_id: TEST_SITE,
      at: "2026-11-27T20:00:00.000Z",
      system: "metrc",
      method,
      path,
      request_body: null,
      status: 200,
      response_body: null,
      error: null,
      duration_ms: 12,
      attempt: 1,
      submission_id: method === "POST" ? "sub-9" : null,
    });
    await db
      .insertInto("ss_request_log")
      .values([request("rq-1", "POST", "/packages/v2/adjust"), request("rq-2", "GET", "/packages/v2/active?page=1")])
      .execute();
    await db
      .insertInto("ss_request_log_labels")
      .values([
        { label: L_EACH, request_id: "rq-1" },
        { label: L_EACH, request_id: "rq-2" },
      ])
      .execute();
    const kit = investigationsFor(db);
    kit.clock.set(Date.parse("2026-11-28T16:00:00Z"));
    await kit.service.open([variance()], "reconcile");
  });
  afterAll(async () => ledger.dispose());

  it("merges the ledger, both sources of sales, state-system requests and cases, oldest first, with their door sessions", async () => {
    const timeline = await packageTimeline(ledger.db, SITES, TEST_SITE, L_EACH);
    expect(timeline.map((e) => [e.at, e.kind, e.source, e.doorSession?.id ?? null])).toEqual([
      ["2026-11-27T17:01:00.000Z", "scan", "station", "ds-1"],
      ["2026-11-27T17:02:00.000Z", "move", "ledger", "ds-1"],
      ["2026-11-27T19:00:00.000Z", "sale-pos", "pos", null],
      ["2026-11-27T19:00:00.000Z", "sale-state", "state-system", null],
      ["2026-11-27T20:00:00.000Z", "state-request", "state-system", null],
      ["2026-11-28T16:00:00.000Z", "investigation", "investigations", null],
    ]);
    expect(timeline[0]!.doorSession).toMatchObject({
      openedAt: "2026-11-27T17:00:00.000Z",
      closedAt: "2026-11-27T17:06:00.000Z",
    });
    expect(timeline[1]!.who).toBe(`Test coordinator ${COORDINATOR}`);
    expect(timeline[2]!.what).toBe("POS sale: 2 Each for $40.00, receipt R-1 line 1 (csv)");
    expect(timeline[3]!.what).toBe("state-system receipt 9001 (R-1): 2 Each for $40.00");
    expect(timeline[4]!.what).toBe("metrc POST /packages/v2/adjust → 200 (queued write)");
    expect(timeline[5]!.what).toBe("investigation opened: physical-short (2026-11-27)");
  });

  it("shows another package only its own records", async () => {
    const timeline = await packageTimeline(ledger.db, SITES, TEST_SITE, L_GRAMS);
    expect(timeline.map((e) => e.kind)).toEqual(["sale-state"]);
  });
});
