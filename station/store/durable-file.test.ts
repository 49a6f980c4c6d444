import { open, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StationError } from "#station/errors.js";
import { tempDir } from "#station/testing/helpers.js";
import { DurableJsonFile, writeFileDurably } from "./durable-file.js";

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

async function fileHandlePrototype(): Promise<{ sync(): Promise<void> }> {
  const fh = await open(dir, "r");
  const proto = Object.getPrototypeOf(fh) as { sync(): Promise<void> };
  await fh.close();
  return proto;
}

describe("writeFileDurably", () => {
  it("replaces the file and leaves no temporary file behind", async () => {
    const file = join(dir, "a.json");
    await writeFile(file, "old");
    await writeFileDurably(file, "new content");
    expect(await readFile(file, "utf8")).toBe("new content");
    expect(await readdir(dir)).toEqual(["a.json"]);
  });

  it("fsyncs the file and then its folder", async () => {
    const proto = await fileHandlePrototype();
    const sync = vi.spyOn(proto, "sync");
    await writeFileDurably(join(dir, "b.json"), "x");
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it("keeps the old content and says which file when the write fails", async () => {
    const file = join(dir, "c.json");
    await writeFile(file, "old");
    const proto = await fileHandlePrototype();
    vi.spyOn(proto, "sync").mockRejectedValueOnce(new Error("EIO: disk gone"));
    const err = await writeFileDurably(file, "new").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe("STORE_WRITE_FAILED");
    expect((err as Error).message).toContain("c.json");
    expect(await readFile(file, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["c.json"]);
  });
});

describe("DurableJsonFile (lowdb adapter)", () => {
  it("reads null for a missing file and round-trips data", async () => {
    const adapter = new DurableJsonFile<{ n: number }>(join(dir, "d.json"));
    expect(await adapter.read()).toBeNull();
    await adapter.write({ n: 1 });
    await adapter.write({ n: 2 });
    expect(await adapter.read()).toEqual({ n: 2 });
  });

  it("keeps writes in order when they overlap", async () => {
    const adapter = new DurableJsonFile<{ n: number }>(join(dir, "e.json"));
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(await adapter.read()).toEqual({ n: 19 });
  });

  it("names the file when it holds broken JSON", async () => {
    const file = join(dir, "f.json");
    await writeFile(file, "{broken");
    const err = await new DurableJsonFile(file).read().catch((e: unknown) => e);
    expect((err as StationError).code).toBe("STORE_CORRUPT");
    expect((err as Error).message).toContain("f.json");
  });
});
