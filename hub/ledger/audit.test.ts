import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { appendAudit, listAudit } from "./audit.js";
import { exportAudit, verifyAudit } from "./audit-export.js";
import { canonicalJson, GENESIS_HASH } from "./audit-chain.js";

describe("canonical JSON", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

describe.each(await testDialects())("audit trail on %s", (dialect) => {
  let ledger: TestLedger;
  let dir: string;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    dir = mkdtempSync(join(tmpdir(), "vaultline-audit-"));
    for (let day = 1; day <= 4; day++) {
      await appendAudit(ledger.db, {
        actor: "emp-001",
        action: "package.adjust",
        subject: `1A406030000219900000000${day}`,
        detail: { grams: day * 1.5, reason: "Drying" },
        at: `2026-11-0${day}T10:00:00.000Z`,
      });
    }
  });
  afterAll(async () => {
    await ledger?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("chains each entry to the one before, from the genesis hash", async () => {
    const entries = await listAudit(ledger.db);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
  });

  it("exports a file that verifies, whole or by date range", async () => {
    const all = join(dir, "all.jsonl");
    expect(await exportAudit(ledger.db, all)).toEqual({ entries: 4, records: 0 });
    expect(await verifyAudit(all)).toEqual({ ok: true, entries: 4, records: 0 });
    const part = join(dir, "part.jsonl");
    expect(await exportAudit(ledger.db, part, { from: "2026-11-02", to: "2026-11-04" })).toEqual({
      entries: 2,
      records: 0,
    });
    expect(await verifyAudit(part)).toEqual({ ok: true, entries: 2, records: 0 });
  });

  it("names the first altered entry", async () => {
    const file = join(dir, "tampered.jsonl");
    await exportAudit(ledger.db, file);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    lines[2] = lines[2]!.replace('"grams":4.5', '"grams":3');
    writeFileSync(file, `${lines.join("\n")}\n`);
    expect(await verifyAudit(file)).toMatchObject({
      ok: false,
      seq: 3,
      line: 3,
      reason: expect.stringMatching(/altered/),
    });
  });

  it("notices a removed entry", async () => {
    const file = join(dir, "removed.jsonl");
    await exportAudit(ledger.db, file);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    lines.splice(1, 1);
    writeFileSync(file, `${lines.join("\n")}\n`);
    expect(await verifyAudit(file)).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/jumps from 1 to 3/),
    });
  });
});
