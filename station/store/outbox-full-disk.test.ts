import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeDisk } from "#station/testing/fake-disk.js";
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

/** Every line of the journal is whole and parses; returns the ids of its `+` lines. */
async function wholeLines(): Promise<string[]> {
  const text = await readFile(file, "utf8");
  expect(text === "" || text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter(Boolean)
    .filter((l) => l.startsWith("+"))
    .map((l) => (JSON.parse(l.slice(1)) as { id: string }).id);
}

describe("Outbox on a disk that fills up", () => {
  it("refuses an event whose line was only partly written, cuts it back, and glues nothing to it", async () => {
    const disk = await fakeDisk();
    const box = await Outbox.open({ file, log: quietLog });
    const a = scanEnvelope("A");
    await box.append(a);
    disk.free = 100; // less than one line: the write comes back short
    const b = scanEnvelope("B");
    await expect(box.append(b)).rejects.toMatchObject({ code: "STORE_FULL" });
    expect(disk.shortWrites).toBeGreaterThan(0);
    expect(box.has(b.id)).toBe(false);
    expect(await wholeLines()).toEqual([a.id]);
    disk.free = Infinity;
    const c = scanEnvelope("C");
    await box.append(c);
    await box.close();
    expect(await wholeLines()).toEqual([a.id, c.id]);
    const again = await Outbox.open({ file, log: quietLog });
    expect([...again.entries()].map((e) => e.id)).toEqual([a.id, c.id]);
    await again.close();
  });

  it("keeps every event whose append resolved, and only those, when the disk fills mid-stream", async () => {
    const disk = await fakeDisk(20_000);
    const box = await Outbox.open({ file, log: quietLog });
    const resolved: string[] = [];
    let refused = 0;
    for (let round = 0; round < 20; round++) {
      const batch = Array.from({ length: 10 }, (_, i) => scanEnvelope(`R${round}-${i}`));
      const results = await Promise.allSettled(batch.map((e) => box.append(e).then(() => e.id)));
      for (const r of results) {
        if (r.status === "fulfilled") resolved.push(r.value);
        else refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(resolved.length).toBeGreaterThan(0);
    disk.free = Infinity;
    const after = scanEnvelope("AFTER");
    await box.append(after);
    await box.close();
    expect(await wholeLines()).toEqual([...resolved, after.id]);
    const again = await Outbox.open({ file, log: quietLog });
    expect([...again.entries()].map((e) => e.id)).toEqual([...resolved, after.id]);
    await again.close();
  });

  it("opens on a full disk with a torn tail: starts, refuses new events, still takes acks", async () => {
    const box = await Outbox.open({ file, log: quietLog });
    const held = [scanEnvelope("H1"), scanEnvelope("H2"), scanEnvelope("H3")];
    for (const e of held) await box.append(e);
    await box.close();
    await appendFile(file, `+{"id":"01a21f73-5001-7727-a15b-7`);

    const disk = await fakeDisk(0);
    const full = await Outbox.open({ file, log: quietLog });
    expect([...full.entries()].map((e) => e.id)).toEqual(held.map((e) => e.id));
    expect(await wholeLines()).toEqual(held.map((e) => e.id));
    await expect(full.append(scanEnvelope("NEW"))).rejects.toMatchObject({ code: "STORE_FULL" });
    expect(full.ack(held.map((e) => e.id))).toHaveLength(3);
    expect(full.depth).toBe(0);
    disk.free = Infinity;
    const later = scanEnvelope("LATER");
    await full.append(later);
    await full.close();
    expect((await wholeLines()).at(-1)).toBe(later.id);
  });
});
