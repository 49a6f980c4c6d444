import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import type { AnyStationEvent } from "#contract/validate.js";
import { silentLog } from "../log.js";
import { countEvents, packageHistory } from "../ledger/events.js";
import { latestDeadLetters } from "../ledger/dead-letters.js";
import { listStations } from "../ledger/stations.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { createIngest, type Ingest } from "./ingest.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));
const scanOf = (stationId: string) => ({ ...scan, id: newId(), stationId });
const text = (v: unknown) => Buffer.from(JSON.stringify(v));

describe.each(await testDialects())("ingest into the %s ledger", (dialect) => {
  let ledger: TestLedger;
  let ingest: Ingest;
  let acks: { topic: string; ids: string[] }[];
  let stored: AnyStationEvent[];
  let statuses: string[];

  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    acks = [];
    stored = [];
    statuses = [];
    ingest = createIngest({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => Date.parse("2026-11-27T12:00:00.000Z") },
      batchSize: 100,
      flushMs: 1,
      maxPending: 400,
      publish: async (topic, payload) => {
        acks.push({ topic, ids: (JSON.parse(payload) as { ids: string[] }).ids });
      },
      onStored: (events) => stored.push(...events),
      onStatus: (s) => statuses.push(`${s.stationId}:${s.payload.online}:${stored.length} stored`),
    });
  });
  afterEach(async () => {
    await ingest.close();
    await ledger.dispose();
  });

  it("stores valid events and acks each station its own ids", async () => {
    const a = scanOf("vault-1");
    const b = scanOf("vault-2");
    ingest.handle(topics.event("vault-1", "scan"), text(a));
    ingest.handle(topics.event("vault-2", "scan"), text(b));
    await ingest.flush();
    expect(await countEvents(ledger.db)).toBe(2);
    expect(acks).toEqual(
      expect.arrayContaining([
        { topic: topics.ack("vault-1"), ids: [a.id] },
        { topic: topics.ack("vault-2"), ids: [b.id] },
      ]),
    );
    expect(ingest.stats()).toMatchObject({ received: 2, stored: 2, duplicates: 0, deadLettered: 0, pending: 0 });
    expect((await listStations(ledger.db)).map((s) => s.id)).toEqual(["vault-1", "vault-2"]);
  });

  it("acks duplicates again but stores and reports them once", async () => {
    const a = scanOf("vault-1");
    ingest.handle(topics.event("vault-1", "scan"), text(a));
    ingest.handle(topics.event("vault-1", "scan"), text(a));
    await ingest.flush();
    ingest.handle(topics.event("vault-1", "scan"), text(a));
    await ingest.flush();
    expect(await countEvents(ledger.db)).toBe(1);
    expect(stored.map((e) => e.id)).toEqual([a.id]);
    expect(acks).toEqual([
      { topic: topics.ack("vault-1"), ids: [a.id] },
      { topic: topics.ack("vault-1"), ids: [a.id] },
    ]);
    expect(ingest.stats()).toMatchObject({ received: 3, stored: 1, duplicates: 2 });
  });

  it("dead-letters bad messages with topic and reason and keeps going", async () => {
    const good = scanOf("vault-1");
    ingest.handle(topics.event("vault-1", "scan"), Buffer.from("{not json"));
    ingest.handle(topics.event("vault-1", "scan"), text({ ...scanOf("vault-9") }));
    ingest.handle("vault/v1/station/vault-1/event/teleport", text(good));
    ingest.handle(topics.state("vault-1"), text({ hello: 1 }));
    ingest.handle("vault/v1/station/vault-1/event/scan/extra", text(good));
    ingest.handle(topics.event("vault-1", "scan"), text(good));
    ingest.handle(topics.ack("vault-1"), text({ ids: [good.id], at: good.at }));
    await ingest.flush();
    const dead = await latestDeadLetters(ledger.db, 10);
    expect(dead).toHaveLength(5);
    const reasons = dead.map((d) => `${d.topic} ${d.reason}`).join("\n");
    expect(reasons).toContain("not JSON");
    expect(reasons).toContain('envelope station "vault-9" differs from topic station "vault-1"');
    expect(reasons).toContain('event/teleport unknown event type "teleport"');
    expect(reasons).toMatch(/state .*id/);
    expect(reasons).toContain("scan/extra not a station event or state topic");
    expect(ingest.stats()).toMatchObject({ received: 6, deadLettered: 5, stored: 1 });
    expect((await packageHistory(ledger.db, good.payload.code)).map((h) => h.id)).toEqual([good.id]);
  });

  it("hands valid station status to its listener in order, after the events sent before it are stored", async () => {
    ingest.handle(topics.state("vault-1"), text(loadExample("state")));
    const last = scanOf("vault-1");
    ingest.handle(topics.event("vault-1", "scan"), text(last));
    ingest.handle(topics.state("vault-1"), text(loadExample("state-offline")));
    expect(statuses).toEqual([]);
    await ingest.flush();
    await new Promise((r) => setImmediate(r));
    expect(statuses).toEqual(["vault-1:true:0 stored", "vault-1:false:1 stored"]);
  });

  it("stores at most one batch per transaction, so no ack outgrows the contract", async () => {
    const events = Array.from({ length: 250 }, () => scanOf("vault-1"));
    for (const e of events) ingest.handle(topics.event("vault-1", "scan"), text(e));
    await ingest.flush();
    expect(acks.map((a) => a.ids.length)).toEqual([100, 100, 50]);
    expect(acks.flatMap((a) => a.ids)).toEqual(events.map((e) => e.id));
  });

  it("asks the caller to wait when far behind, and releases it after the flush", async () => {
    let waiting: Promise<void> | undefined;
    let handed = 0;
    while (!waiting && handed < 2_000) {
      waiting = ingest.handle(topics.event("vault-1", "scan"), text(scanOf("vault-1")));
      handed++;
    }
    expect(waiting).toBeInstanceOf(Promise);
    expect(ingest.stats().pending).toBeGreaterThanOrEqual(400);
    await waiting;
    expect(ingest.stats().pending).toBeLessThan(400);
    await ingest.flush();
    expect(ingest.stats()).toMatchObject({ stored: handed, pending: 0 });
  });
});
