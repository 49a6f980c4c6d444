import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { listAudit } from "./audit.js";
import { verifyAuditText } from "./audit-chain.js";
import { auditExportLines } from "./audit-export.js";
import { eventRecord, eventRowMaterial, recordMaterial } from "./audit-records.js";
import { insertAuditedEvents, type EventAuditMode } from "./event-audit.js";
import { toEventRow } from "./events.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));
const AT = "2026-11-27T18:00:00.000Z";
const rows = (n: number) => Array.from({ length: n }, () => toEventRow({ ...scan, id: newId() }, AT));

describe("an event's material", () => {
  it("is the same text from the stored row (ingest) as from the exported record (verify)", () => {
    const odd = { ...scan.payload, code: 'qu"ote \\ tab\t é 🌿 \u2028', classification: { kind: "other" as const } };
    for (const event of [scan, { ...scan, id: newId(), employeeId: undefined, payload: odd }]) {
      const row = toEventRow(event as typeof scan, AT);
      expect(eventRowMaterial(row)).toBe(recordMaterial("event", eventRecord(row)));
    }
  });
});

describe.each(await testDialects())("station events with their audit entries on %s", (dialect) => {
  let ledger: TestLedger;
  const store = (r: ReturnType<typeof rows>, mode: EventAuditMode) =>
    ledger.db.transaction().execute((trx) => insertAuditedEvents(trx, r, { mode, at: AT }));
  const exported = async () => {
    const lines: string[] = [];
    for await (const l of auditExportLines(ledger.db)) lines.push(l);
    return lines.join("\n");
  };
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger?.dispose());

  it("covers a batch's new events with one entry, leaves replays out, and a batch of replays gets none", async () => {
    const first = rows(3);
    expect(await store(first, "batch")).toHaveLength(3);
    const again = [first[1]!, ...rows(2)];
    expect(await store(again, "batch")).toHaveLength(2);
    expect(await store(first, "batch")).toEqual([]);
    const trail = await listAudit(ledger.db);
    expect(trail.map((e) => [e.action, (e.detail as { records: { count: number } }).records.count])).toEqual([
      ["events.stored", 3],
      ["events.stored", 2],
    ]);
    expect(trail[0]!.detail).toMatchObject({ stations: { [scan.stationId]: 3 }, types: { scan: 3 } });
    expect(verifyAuditText(await exported())).toEqual({ ok: true, entries: 2, records: 5 });
  });

  it("gives each new event its own entry in the per-event mode, and the export still verifies", async () => {
    const batch = rows(4);
    expect(await store(batch, "event")).toHaveLength(4);
    expect(await store([batch[0]!, ...rows(1)], "event")).toHaveLength(1);
    const perEvent = (await listAudit(ledger.db)).filter((e) => e.action === "event.stored");
    expect(perEvent).toHaveLength(5);
    expect(verifyAuditText(await exported())).toEqual({ ok: true, entries: 7, records: 10 });
  });
});
