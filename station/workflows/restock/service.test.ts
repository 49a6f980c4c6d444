import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import type { Envelope } from "#contract/envelope.js";
import { loadExample } from "#contract/examples/index.js";
import type { RestockRequest } from "#contract/restock.js";
import { systemClock } from "#station/clock.js";
import type { StationScan } from "#station/events.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { RestockReplica } from "./replica-view.js";
import { Restock } from "./service.js";

const request = (loadExample("cmd-restock") as { payload: { requests: RestockRequest[] } }).payload.requests[0]!;
const [FIRST, SECOND] = request.lines[0]!.picks.map((p) => p.label) as [string, string];
const coordinator = { employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" as const };

describe("restock at the station, with the hub away", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let sent: Envelope[];
  let failing: boolean;
  let person: typeof coordinator | null;
  const open = () =>
    Restock.open({
      stationId: "vault-1",
      siteId: "green-leaf-oakland",
      file: join(dir.dir, "restock.journal"),
      log: quietLog,
      clock: systemClock,
      outbox: {
        append: async (env) => {
          if (failing) throw new Error("disk gone");
          sent.push(env);
        },
      },
      replica: new RestockReplica({ file: join(dir.dir, "replica.json"), log: quietLog }),
      person: () => person,
      banner: () => undefined,
    });
  const scan = (code: string): StationScan => ({
    id: "s",
    at: new Date().toISOString(),
    code,
    scannerId: "scanner-1",
    classification: classifyBarcode(code),
    workflow: "restock",
  });
  beforeEach(async () => {
    dir = await tempDir("vaultline-restock-");
    sent = [];
    failing = false;
    person = coordinator;
    await writeFile(
      join(dir.dir, "replica.json"),
      JSON.stringify({ items: [], packages: [], employees: [], restocks: [request], lastApplied: {} }),
    );
  });
  afterEach(() => dir.cleanup());

  it("keeps what was picked across a restart and sends each pick once", async () => {
    const r = await open();
    expect((await r.tap({ type: "open", requestId: request.requestId })).ok).toBe(true);
    await r.onScan(scan(FIRST));
    expect(sent.map((e) => (e.payload as { action: string; label?: string }).label)).toEqual([FIRST]);
    await r.close();
    const again = await open();
    expect(again.current().openId).toBe(request.requestId);
    expect(again.current().picked[request.requestId]!.map((p) => p.label)).toEqual([FIRST]);
    expect(sent).toHaveLength(1);
    await again.close();
  });

  it("puts a pick in the outbox again after a restart when it never got there", async () => {
    const r = await open();
    await r.tap({ type: "open", requestId: request.requestId });
    failing = true;
    await expect(r.onScan(scan(SECOND))).rejects.toThrow("disk gone");
    await r.close();
    failing = false;
    const again = await open();
    expect(sent.map((e) => (e.payload as { label?: string }).label)).toEqual([SECOND]);
    expect(again.current().picked[request.requestId]!.map((p) => p.label)).toEqual([SECOND]);
    await again.close();
  });

  it("takes no taps and claims no scans without someone who may pick", async () => {
    person = { employeeId: "emp-003", name: "Priya Shah", role: "budtender" as never };
    const r = await open();
    expect(await r.tap({ type: "open", requestId: request.requestId })).toEqual({
      ok: false,
      reason: "Priya Shah (budtender) may not take packages out of the vault",
    });
    expect((await r.ask([{ itemId: "item-003", quantity: 2 }])).ok).toBe(true);
    expect(sent.at(-1)!.payload).toMatchObject({ action: "request", lines: [{ itemId: "item-003", quantity: 2 }] });
    person = null;
    expect(r.claims()).toBeUndefined();
    await r.close();
  });
});
