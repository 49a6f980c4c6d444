import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeDisk } from "#station/testing/fake-disk.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { JournalFile } from "./journal-file.js";
import { readSetAside, setAsideSummary } from "./set-aside.js";

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, "test.journal");
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

/** Lines that are not `ok…` are refused with a reason. */
const openJournal = () =>
  JournalFile.open({
    file,
    log: quietLog,
    name: "test journal",
    parse: (l) => (l.startsWith("ok") ? { ok: true, value: l } : { ok: false, reason: `bad line "${l}"` }),
  });

type Proto = {
  write(...a: unknown[]): Promise<{ bytesWritten: number }>;
  truncate(len: number): Promise<void>;
};
async function handleProto(): Promise<Proto> {
  const fh = await open(dir, "r");
  const proto = Object.getPrototypeOf(fh) as Proto;
  await fh.close();
  return proto;
}

describe("JournalFile", () => {
  it("cuts a torn tail off the file at open, so the next append starts on a line of its own", async () => {
    await writeFile(file, "ok-1\nok-2\nok-3-cut-mid-wr");
    const { journal, entries } = await openJournal();
    expect(entries).toEqual(["ok-1", "ok-2"]);
    expect(await readFile(file, "utf8")).toBe("ok-1\nok-2\n");
    await journal.append("ok-4\n");
    await journal.close();
    expect(await readFile(file, "utf8")).toBe("ok-1\nok-2\nok-4\n");
  });

  it("writes the rest when the disk takes only part of a line, and resolves only then", async () => {
    const { journal } = await openJournal();
    const proto = await handleProto();
    const real = proto.write;
    const write = vi.spyOn(proto, "write").mockImplementationOnce(function (
      this: unknown,
      buf: unknown,
      off: unknown,
      _len: unknown,
      pos: unknown,
    ) {
      return real.call(this, buf, off, 3, pos);
    });
    await journal.append("ok-a-long-line\n");
    await journal.close();
    expect(write.mock.calls.length).toBe(2);
    expect(await readFile(file, "utf8")).toBe("ok-a-long-line\n");
  });

  it("leaves nothing of a failed append, and refuses to append while a torn piece cannot be cut", async () => {
    const { journal } = await openJournal();
    await journal.append("ok-1\n");
    const disk = await fakeDisk(4);
    await expect(journal.append("ok-2-does-not-fit\n")).rejects.toMatchObject({ code: "STORE_FULL" });
    expect(await readFile(file, "utf8")).toBe("ok-1\n");

    disk.free = 2;
    const proto = await handleProto();
    vi.spyOn(proto, "truncate").mockRejectedValueOnce(new Error("EIO")).mockRejectedValueOnce(new Error("EIO"));
    await expect(journal.append("ok-3-does-not-fit\n")).rejects.toMatchObject({ code: "STORE_FULL" });
    expect(await readFile(file, "utf8")).toBe("ok-1\nok");
    disk.free = Infinity;
    await expect(journal.append("ok-4\n")).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    await journal.append("ok-5\n");
    await journal.close();
    expect(await readFile(file, "utf8")).toBe("ok-1\nok-5\n");
  });

  it("moves a refused line to the side file with its reason, and keeps it there once", async () => {
    await writeFile(file, "ok-1\nnonsense\nok-2\n");
    const first = await openJournal();
    expect(first.entries).toEqual(["ok-1", "ok-2"]);
    expect(first.setAside).toEqual([{ line: 2, reason: 'bad line "nonsense"', text: "nonsense" }]);
    await first.journal.close();
    expect(await readFile(file, "utf8")).toBe("ok-1\nok-2\n");
    const again = await openJournal();
    expect(again.setAside).toEqual([]);
    await again.journal.close();
    const aside = await readSetAside(`${file}.set-aside`);
    expect(aside).toMatchObject([
      { journal: "test.journal", line: 2, reason: 'bad line "nonsense"', text: "nonsense" },
    ]);
    expect(await setAsideSummary(dir)).toEqual({
      lines: 1,
      files: ["test.journal.set-aside"],
      latestReason: 'test.journal line 2: bad line "nonsense"',
    });
  });

  it("on a disk too full to rewrite the journal, keeps the refused line in it and never sets it aside twice", async () => {
    await writeFile(file, `${"ok-padding-".repeat(40)}\nnonsense\n`);
    const disk = await fakeDisk(300); // the side-file record fits, the rewritten journal does not
    const first = await openJournal();
    expect(first.entries).toHaveLength(1);
    await first.journal.close();
    expect(await readFile(file, "utf8")).toContain("nonsense");
    disk.free = Infinity;
    const second = await openJournal();
    expect(second.setAside).toHaveLength(1);
    await second.journal.close();
    expect(await readFile(file, "utf8")).not.toContain("nonsense");
    expect(await readSetAside(`${file}.set-aside`)).toHaveLength(1);
  });
});
