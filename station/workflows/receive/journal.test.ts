import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeDisk } from "#station/testing/fake-disk.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { ReceivingJournal, type JournalEntry } from "./journal.js";

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

describe("ReceivingJournal on a disk that fills up", () => {
  it("refuses an entry the disk took only part of, and a reopen finds whole entries only", async () => {
    const file = join(dir, "receiving.journal");
    const { journal } = await ReceivingJournal.open(file, quietLog);
    const done = (ids: string[]): JournalEntry => ({ k: "done", ids });
    await journal.append([done(["a"])]);
    const disk = await fakeDisk(10);
    await expect(journal.append([done(["b-does-not-fit"])])).rejects.toMatchObject({
      code: "STORE_FULL",
      message: "receiving not saved: the station's disk is full",
    });
    disk.free = Infinity;
    await journal.append([done(["c"])]);
    await journal.close();
    expect(await readFile(file, "utf8")).toBe('{"k":"done","ids":["a"]}\n{"k":"done","ids":["c"]}\n');
    const again = await ReceivingJournal.open(file, quietLog);
    expect(again.entries).toEqual([done(["a"]), done(["c"])]);
    await again.journal.close();
  });
});
