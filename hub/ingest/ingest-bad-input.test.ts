import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { countEvents } from "../ledger/events.js";
import { countDeadLetters, latestDeadLetters } from "../ledger/dead-letters.js";
import { silentLog } from "../log.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { createApp } from "../web/app.js";
import { LiveFeed } from "../web/live.js";
import { createIngest, type Ingest } from "./ingest.js";
import { singleSite } from "#hub/sites/directory.js";

/**
 * Messages the ledger cannot take, mixed into batches with good events from other stations:
 * the good ones land and are acked, the bad one is set aside, and health says so while the
 * ledger keeps refusing.
 */
const scan = eventSchemas.scan.parse(loadExample("scan"));
const scanOf = (stationId: string, patch: Record<string, unknown> = {}) => ({
  ...scan,
  id: newId(),
  stationId,
  ...patch,
});
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const NOW = Date.parse("2026-11-27T12:00:00.000Z");

describe.each(await testDialects())("ingest of bad input into the %s ledger", (dialect) => {
  let ledger: TestLedger;
  let ingest: Ingest;
  let acked: Map<string, string[]>;

  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    acked = new Map();
    ingest = createIngest({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => NOW },
      batchSize: 100,
      flushMs: 1,
      publish: async (topic, payload) => {
        acked.set(topic, [...(acked.get(topic) ?? []), ...(JSON.parse(payload) as { ids: string[] }).ids]);
      },
    });
  });
  afterEach(async () => {
    await ingest.close();
    await ledger.dispose();
  });

  const health = async () => {
    const app = createApp({
      db: ledger.db,
      dialect,
      log: silentLog(),
      clock: { now: () => NOW },
      sites: singleSite(),
      live: new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ingest.stats(),
    });
    const res = await app.request("/api/health");
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; ingest: { failing: { batches: number; error: string } | null } },
    };
  };

  it("stores every good event when NUL bytes arrive in the same batch, and sets the bad ones aside", async () => {
    const good = ["vault-1", "vault-2", "vault-3"].flatMap((s) => [scanOf(s), scanOf(s)]);
    const nulBytes = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0]), Buffer.from('x", garbage \xff')]);
    ingest.handle(topics.event("vault-1", "scan"), json(good[0]));
    ingest.handle(topics.event("vault-4", "scan"), json(scanOf("vault-4", { employeeId: "emp\u0000001" })));
    ingest.handle(topics.event("vault-2", "scan"), json(good[2]));
    ingest.handle(topics.event("vault-5", "scan"), json(scanOf("vault-5", { siteId: "green\u0000leaf" })));
    ingest.handle(topics.event("vault-6", "scan"), nulBytes);
    for (const e of [good[1], good[3], good[4], good[5]]) ingest.handle(topics.event(e!.stationId, "scan"), json(e));
    await ingest.flush();

    expect(await countEvents(ledger.db)).toBe(good.length);
    for (const s of ["vault-1", "vault-2", "vault-3"]) {
      expect(acked.get(topics.ack(s))?.sort()).toEqual(
        good
          .filter((e) => e.stationId === s)
          .map((e) => e.id)
          .sort(),
      );
    }
    const dead = await latestDeadLetters(ledger.db, 10);
    expect(dead.map((d) => d.topic).sort()).toEqual(
      ["vault-4", "vault-5", "vault-6"].map((s) => topics.event(s, "scan")),
    );
    const byTopic = (s: string) => dead.find((d) => d.topic === topics.event(s, "scan"))!;
    expect(byTopic("vault-4").reason).toContain("employeeId: control character U+0000 at position 3");
    expect(byTopic("vault-5").reason).toContain("siteId: control character U+0000");
    expect(byTopic("vault-6").reason).toContain("payload kept as base64");
    expect(Buffer.from(byTopic("vault-6").payload, "base64")).toEqual(nulBytes);
    expect(ingest.stats()).toMatchObject({ stored: good.length, deadLettered: 3, failing: null });
  });

  it("splits a batch the ledger refuses, dead-letters the one event it cannot store and stores the rest", async () => {
    await refuseEmployee(ledger, dialect, "emp-unstorable");
    const good = Array.from({ length: 37 }, (_, i) => scanOf(`vault-${(i % 3) + 1}`));
    const bad = scanOf("vault-9", { employeeId: "emp-unstorable" });
    for (const e of [...good.slice(0, 20), bad, ...good.slice(20)])
      ingest.handle(topics.event(e.stationId, "scan"), json(e));
    await ingest.flush();

    expect(await countEvents(ledger.db)).toBe(good.length);
    const dead = await latestDeadLetters(ledger.db, 10);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      topic: topics.event("vault-9", "scan"),
      reason: expect.stringMatching(/^not storable in the ledger/),
    });
    expect(JSON.parse(dead[0]!.payload)).toMatchObject({ id: bad.id, employeeId: "emp-unstorable" });
    // Acked as well: the hub keeps it now, so the station may drop it from its outbox.
    expect(acked.get(topics.ack("vault-9"))).toEqual([bad.id]);
    expect([...acked.values()].flat()).toHaveLength(good.length + 1);
    expect(ingest.stats()).toMatchObject({ stored: good.length, deadLettered: 1, failing: null });
    expect((await health()).status).toBe(200);
  });

  it("reports a failing ingest on /api/health while the ledger cannot store, and clears it when it can", async () => {
    await sql`alter table events rename to events_away`.execute(ledger.db);
    const waiting = [scanOf("vault-1"), scanOf("vault-2")];
    for (const e of waiting) ingest.handle(topics.event(e.stationId, "scan"), json(e));
    await ingest.flush();
    ingest.handle(topics.event("vault-1", "scan"), json(scanOf("vault-1")));
    await ingest.flush();

    // Nothing acked and nothing dead-lettered: the stations resend once the ledger is back.
    expect(acked.size).toBe(0);
    expect(await countDeadLetters(ledger.db)).toBe(0);
    const failing = await health();
    expect(failing.status).toBe(503);
    expect(failing.body.ok).toBe(false);
    expect(failing.body.ingest.failing).toMatchObject({
      since: new Date(NOW).toISOString(),
      batches: 2,
      error: expect.stringContaining("events"),
    });

    await sql`alter table events_away rename to events`.execute(ledger.db);
    for (const e of waiting) ingest.handle(topics.event(e.stationId, "scan"), json(e));
    await ingest.flush();
    expect(await countEvents(ledger.db)).toBe(2);
    const healthy = await health();
    expect(healthy.status).toBe(200);
    expect(healthy.body.ingest.failing).toBeNull();
  });
});

/** Makes the ledger refuse events of one employee, as a data error (the way a NUL byte is refused). */
async function refuseEmployee(ledger: TestLedger, dialect: string, employeeId: string): Promise<void> {
  if (dialect === "postgres") {
    await sql`alter table events add constraint test_refused_employee check (employee_id is distinct from ${sql.lit(employeeId)})`.execute(
      ledger.db,
    );
    return;
  }
  await sql`create trigger test_refused_employee before insert on events when new.employee_id = ${sql.lit(employeeId)}
    begin select raise(abort, 'refused by the test'); end`.execute(ledger.db);
}
