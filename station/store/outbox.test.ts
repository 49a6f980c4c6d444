import { appendFile, open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { manualClock } from "#station/clock.js";
import { quietLog, scanEnvelope, tempDir } from "#station/testing/helpers.js";
import { Outbox } from "./outbox.js";

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, "outbox.journal");
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

/** Every journal write goes through a FileHandle: spying on the prototype reaches the outbox's. */
async function fileHandlePrototype(): Promise<{ datasync(): Promise<void> }> {
  const fh = await open(dir, "r");
  const proto = Object.getPrototypeOf(fh) as { datasync(): Promise<void> };
  await fh.close();
  return proto;
}

const openBox = (compactAboveBytes?: number) =>
  Outbox.open({ file, log: quietLog, ...(compactAboveBytes ? { compactAboveBytes } : {}) });

describe("Outbox journal", () => {
  it("keeps appended events across a reopen, oldest first", async () => {
    const box = await openBox();
    const events = [scanEnvelope("A"), scanEnvelope("B"), scanEnvelope("C")];
    for (const e of events) await box.append(e);
    await box.close();
    const again = await openBox();
    expect([...again.entries()].map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(again.depth).toBe(3);
    await again.close();
  });

  it("lists an event as pending only once it is written", async () => {
    const box = await openBox();
    const env = scanEnvelope();
    const done = box.append(env);
    expect(box.has(env.id)).toBe(false);
    await done;
    expect(box.has(env.id)).toBe(true);
    expect(await readFile(file, "utf8")).toContain(env.id);
    await box.close();
  });

  it("drops acked events, and they stay dropped after a reopen", async () => {
    const box = await openBox();
    const [a, b, c] = [scanEnvelope(), scanEnvelope(), scanEnvelope()];
    for (const e of [a, b, c]) await box.append(e);
    expect(box.ack([a.id, c.id, "01a21f73-5001-7727-a15b-000000000000"])).toEqual([a.id, c.id]);
    expect(box.depth).toBe(1);
    await box.close();
    const again = await openBox();
    expect([...again.entries()].map((e) => e.id)).toEqual([b.id]);
    await again.close();
  });

  it("commits events arriving during an fsync together (group commit), in order", async () => {
    const box = await openBox();
    await box.append(scanEnvelope("FIRST"));
    const fh = await fileHandlePrototype();
    const syncs = vi.spyOn(fh, "datasync");
    const events = Array.from({ length: 300 }, (_, i) => scanEnvelope(`CODE${i}`));
    await Promise.all(events.map((e) => box.append(e)));
    expect(syncs.mock.calls.length).toBeGreaterThan(0);
    expect(syncs.mock.calls.length).toBeLessThan(events.length / 10);
    expect([...box.entries()].slice(1).map((e) => e.id)).toEqual(events.map((e) => e.id));
    await box.close();
  });

  it("ignores a torn last line left by a crash and can append after it", async () => {
    const box = await openBox();
    const a = scanEnvelope();
    await box.append(a);
    await box.close();
    await appendFile(file, `+{"id":"01a21f73-5001-7727-a15b-7`);
    const again = await openBox();
    expect([...again.entries()].map((e) => e.id)).toEqual([a.id]);
    const b = scanEnvelope();
    await again.append(b);
    await again.close();
    const third = await openBox();
    expect([...third.entries()].map((e) => e.id)).toEqual([a.id, b.id]);
    await third.close();
  });

  it("compacts once acked lines dominate, keeping every pending event", async () => {
    const box = await openBox(20_000);
    const events = Array.from({ length: 200 }, (_, i) => scanEnvelope(`C${i}`));
    for (const e of events) await box.append(e);
    const before = box.journalBytes;
    box.ack(events.slice(0, 190).map((e) => e.id));
    await box.append(scanEnvelope("LAST"));
    expect(box.journalBytes).toBeLessThan(before / 5);
    expect((await stat(file)).size).toBe(box.journalBytes);
    await box.close();
    const again = await openBox();
    expect(again.depth).toBe(11);
    expect([...again.entries()].slice(0, 10).map((e) => e.id)).toEqual(events.slice(190).map((e) => e.id));
    await again.close();
  });

  it("tells how long a write has been hanging, for the watchdog", async () => {
    const clock = manualClock();
    const box = await Outbox.open({ file, log: quietLog, clock });
    await box.append(scanEnvelope());
    const fh = await fileHandlePrototype();
    let release!: () => void;
    vi.spyOn(fh, "datasync").mockImplementationOnce(
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    const pending = box.append(scanEnvelope());
    await vi.waitFor(() => expect(release).toBeDefined());
    clock.advance(25_000);
    expect(box.busyForMs()).toBe(25_000);
    release();
    await pending;
    expect(box.busyForMs()).toBe(0);
    await box.close();
  });

  it("rejects the append and keeps nothing pending when the disk write fails", async () => {
    const box = await openBox();
    await box.append(scanEnvelope());
    const fh = await fileHandlePrototype();
    vi.spyOn(fh, "datasync").mockRejectedValueOnce(new Error("EIO"));
    const env = scanEnvelope();
    await expect(box.append(env)).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(box.has(env.id)).toBe(false);
    expect(box.depth).toBe(1);
    await box.close();
  });

  it("appends one line per event whatever the depth (10,000 pending stay cheap to add to)", async () => {
    const box = await openBox();
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => box.append(scanEnvelope(`D${i}`))));
    const before = box.journalBytes;
    const one = scanEnvelope("ONE-MORE");
    await box.append(one);
    expect(box.journalBytes - before).toBe(Buffer.byteLength(`+${JSON.stringify(one)}\n`));
    expect(box.depth).toBe(10_001);
    await box.close();
  });

  it("after any mix of appends, acks and compactions, a reopen holds exactly the unacked events in order", async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant("append" as const), n: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ op: fc.constant("ack" as const), pick: fc.array(fc.nat(), { maxLength: 20 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        file = join(dir, `prop-${run++}.journal`);
        const box = await openBox(2_000);
        const model: string[] = [];
        for (const s of steps) {
          if (s.op === "append") {
            const events = Array.from({ length: s.n }, () => scanEnvelope());
            await Promise.all(events.map((e) => box.append(e)));
            model.push(...events.map((e) => e.id));
          } else {
            const ids = s.pick.map((i) => model[i % Math.max(1, model.length)]).filter((x): x is string => !!x);
            box.ack(ids);
            for (const id of new Set(ids)) model.splice(model.indexOf(id), 1);
          }
        }
        await box.close();
        const again = await openBox(2_000);
        expect([...again.entries()].map((e) => e.id)).toEqual(model);
        await again.close();
      }),
      { numRuns: 25 },
    );
  });
});
