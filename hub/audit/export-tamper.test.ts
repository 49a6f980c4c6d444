import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { runHubCli, type CliIo } from "#hub/cli.js";
import { storeSplitting } from "#hub/ingest/batch-store.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { exportAudit } from "#hub/ledger/audit-export.js";
import { silentLog } from "#hub/log.js";
import { storeRequest } from "#hub/statesystem/store/request-log.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));
const scanOf = (code: string) => ({
  ...scan,
  id: newId(),
  payload: {
    ...scan.payload,
    code,
    classification: { kind: "metrc-tag" as const, tag: code, form: "strict" as const },
  },
});
const TAGS = ["1A4060300002199000000001", "1A4060300002199000000002", "1A4060300002199000000003"];

async function verify(file: string): Promise<{ code: number; line: string }> {
  const lines: string[] = [];
  const io: CliIo = { env: {}, out: (l) => lines.push(l), err: (l) => lines.push(l) };
  const code = await runHubCli(["audit", "verify", file], io);
  return { code, line: lines.join("\n") };
}

type Line = { seq?: number; record?: string; id?: string; entry?: number; data?: { payload?: { code?: string } } };

describe.each(await testDialects())("an audit export with the records it covers, on %s", (dialect) => {
  let ledger: TestLedger;
  let dir: string;
  let file: string;
  let lines: string[];
  const parsed = () => lines.map((l) => JSON.parse(l) as Line);
  const eventLines = () => parsed().flatMap((l, i) => (l.record === "event" ? [{ ...l, index: i }] : []));
  const write = (name: string, ls: string[]) => {
    const f = join(dir, name);
    writeFileSync(f, `${ls.join("\n")}\n`);
    return f;
  };

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    dir = mkdtempSync(join(tmpdir(), "vaultline-audit-tamper-"));
    await appendAudit(ledger.db, { actor: "e-manager", action: "auth.signed-in", subject: "manager" });
    const events = TAGS.map(scanOf);
    await storeSplitting(
      { db: ledger.db, log: silentLog(), receivedAt: "2026-11-27T18:00:00.000Z" },
      { events, deadLetters: [] },
      () => undefined,
    );
    await storeRequest(ledger.db, TEST_SITE, {
      at: "2026-11-27T18:00:01.000Z",
      system: "metrc",
      method: "POST",
      path: "/packages/v2/adjust?licenseNumber=LIC-1",
      requestBody: '[{"Label":"1A4060300002199000000001","Quantity":-1}]',
      status: 200,
      responseBody: "",
      error: null,
      durationMs: 41.7,
      attempt: 1,
      labels: [TAGS[0]!],
      submissionId: null,
    });
    await appendAudit(ledger.db, { actor: "e-manager", action: "auth.signed-out", subject: "manager" });
    file = join(dir, "trail.jsonl");
    expect(await exportAudit(ledger.db, file)).toEqual({ entries: 4, records: 4 });
    lines = readFileSync(file, "utf8").trim().split("\n");
  });
  afterAll(async () => {
    await ledger?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists each batch's events and each request after the entry covering them; intact, it verifies (exit 0)", async () => {
    expect(parsed().map((l) => l.record ?? `entry ${l.seq}`)).toEqual([
      "entry 1",
      "entry 2",
      "event",
      "event",
      "event",
      "entry 3",
      "ss-request",
      "entry 4",
    ]);
    expect(eventLines().map((l) => l.data?.payload?.code)).toEqual([...TAGS].sort());
    expect(await verify(file)).toEqual({ code: 0, line: "intact: 4 entries and 4 records, hash chain unbroken" });
  });

  it("names an edited audit entry", async () => {
    const ls = [...lines];
    ls[7] = ls[7]!.replace("auth.signed-out", "auth.signed-in");
    expect(await verify(write("edited-entry.jsonl", ls))).toEqual({
      code: 1,
      line: "tampered: entry 4 (line 8): content does not match its hash (entry altered)",
    });
  });

  it("names the entry after a removed one", async () => {
    const gap = lines.filter((_, i) => i !== 5 && i !== 6);
    expect(await verify(write("removed-middle.jsonl", gap))).toEqual({
      code: 1,
      line: "tampered: entry 4 (line 6): sequence jumps from 2 to 4 (entries removed or reordered)",
    });
  });

  it("names reordered entries", async () => {
    const ls = [lines[1]!, ...lines.slice(2, 5), lines[0]!, ...lines.slice(5)];
    expect((await verify(write("reordered-entries.jsonl", ls))).line).toBe(
      "tampered: entry 1 (line 5): sequence jumps from 2 to 1 (entries removed or reordered)",
    );
  });

  it("names an edited event inside a batch", async () => {
    const [, second] = eventLines();
    const ls = [...lines];
    ls[second!.index] = ls[second!.index]!.replace(
      /"code":"1A40603000021990000000\d\d"/,
      '"code":"1A4060300002199000000009"',
    );
    expect(await verify(write("edited-event.jsonl", ls))).toEqual({
      code: 1,
      line: `tampered: event ${second!.id} of entry 2 (line ${second!.index + 1}): content does not match its hash (record altered)`,
    });
  });

  it("names the event after one removed from a batch, and a batch whose last event is gone", async () => {
    const [, second, third] = eventLines();
    const middle = lines.filter((_, i) => i !== second!.index);
    expect(await verify(write("removed-event.jsonl", middle))).toEqual({
      code: 1,
      line: `tampered: event ${third!.id} of entry 2 (line ${second!.index + 1}): does not follow the record before it (records removed or reordered)`,
    });
    const last = lines.filter((_, i) => i !== third!.index);
    expect(await verify(write("removed-last-event.jsonl", last))).toEqual({
      code: 1,
      line: "tampered: entry 2 (line 2): entry 2 covers 3 event records; the file holds 2 (records removed)",
    });
  });

  it("names reordered events", async () => {
    const [first, second] = eventLines();
    const ls = [...lines];
    [ls[first!.index], ls[second!.index]] = [ls[second!.index]!, ls[first!.index]!];
    expect((await verify(write("reordered-events.jsonl", ls))).line).toBe(
      `tampered: event ${second!.id} of entry 2 (line ${first!.index + 1}): does not follow the record before it (records removed or reordered)`,
    );
  });

  it("names an edited state-system request and one moved under another entry", async () => {
    const at = parsed().findIndex((l) => l.record === "ss-request");
    const id = parsed()[at]!.id!;
    const edited = [...lines];
    edited[at] = edited[at]!.replace('"status":200', '"status":201');
    expect(await verify(write("edited-request.jsonl", edited))).toEqual({
      code: 1,
      line: `tampered: ss-request ${id} of entry 3 (line ${at + 1}): content does not match its hash (record altered)`,
    });
    const moved = [...lines.slice(0, 5), lines[at]!, lines[5]!, ...lines.slice(7)];
    expect((await verify(write("moved-request.jsonl", moved))).line).toMatch(
      new RegExp(`^tampered: ss-request ${id} of entry 3 \\(line 6\\): not covered by the entry before it \\(2\\)`),
    );
  });

  it("catches records changed in the ledger before the export, by the digest kept in their entry", async () => {
    const victim = eventLines()[0]!.id!;
    await ledger.db
      .updateTable("events")
      .set({ payload: JSON.stringify({ ...scan.payload, code: "1A4060300002199000000099" }) })
      .where("id", "=", victim)
      .execute();
    const request = parsed().find((l) => l.record === "ss-request")!.id!;
    await ledger.db.deleteFrom("ss_request_log_labels").where("request_id", "=", request).execute();
    await ledger.db.deleteFrom("ss_request_log").where("id", "=", request).execute();
    const again = join(dir, "after-db-edit.jsonl");
    await exportAudit(ledger.db, again);
    expect(await verify(again)).toEqual({
      code: 1,
      line: "tampered: entry 2 (line 2): its event records do not match the digest recorded with it (records altered before export)",
    });
    const rest = readFileSync(again, "utf8").trim().split("\n").slice(5);
    expect((await verify(write("after-db-delete.jsonl", rest))).line).toBe(
      "tampered: entry 3 (line 1): entry 3 covers 1 ss-request records; the file holds 0 (records removed)",
    );
  });
});
