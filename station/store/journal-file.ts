import { constants } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { Checked } from "#contract/validate.js";
import { systemClock, type Clock } from "#station/clock.js";
import { StationError } from "#station/errors.js";
import { fsyncDir, storeWriteError, writeFileDurably } from "./durable-file.js";
import { newSetAsideRecords, parseSetAsideRecord, setAsidePath, type SetAsideLine } from "./set-aside.js";

/**
 * An append-only journal of text lines that never takes a partial write as durable. The outbox
 * and every workflow journal write through it.
 *
 *   append(lines) ─▶ write at the end of the last whole line, looping until every byte is in
 *                 ─▶ fdatasync ─▶ resolve (only now may anyone be told "recorded")
 *      failure    ─▶ ftruncate back to the last whole line ─▶ reject (STORE_FULL on a full disk)
 *   open()        ─▶ torn tail (no final "\n") cut off ─▶ each line parsed ─▶ refused lines moved
 *                    to `<journal>.set-aside` with their reason
 *
 * Why a loop on bytesWritten: write(2) may write fewer bytes than asked when the disk fills
 * (POSIX: "fewer than nbyte bytes … if there is insufficient space"); FileHandle.write returns
 * that count and does not retry. Why positional writes and not O_APPEND: the next append lands
 * exactly after the last whole line even if cutting a failed one back did not work, so a torn
 * piece can never be glued to the next line.
 */
export interface JournalFileDeps<T> {
  /** Journal path, e.g. `data/station/outbox.journal`. */
  file: string;
  log: Logger;
  /** Names the journal in messages and log lines, e.g. "outbox journal". */
  name: string;
  /** Reads one whole line; a line it refuses is moved to the side file with the reason. */
  parse(line: string): Checked<T>;
  clock?: Clock;
}

/** What a journal held when it was opened. */
export interface OpenedJournal<T> {
  journal: JournalFile;
  /** Accepted lines, oldest first. */
  entries: T[];
  /** Lines refused at this open; kept in the side file when it could be written. */
  setAside: SetAsideLine[];
}

/** The journal; see the description above `JournalFileDeps`. */
export class JournalFile {
  private fh: Awaited<ReturnType<typeof open>> | null = null;
  private tail: Promise<void> = Promise.resolve();
  /** Bytes of whole lines on disk: where the next append goes. */
  private size: number;
  /** A failed append or a torn tail may have left bytes past `size` that are not cut yet. */
  private ragged = false;
  private exists: boolean;
  private writingSince: number | null = null;
  private closed = false;

  private constructor(
    private readonly deps: Omit<JournalFileDeps<unknown>, "parse">,
    size: number,
    exists: boolean,
  ) {
    this.size = size;
    this.exists = exists;
  }

  /** Opens (or creates on first append) a journal and returns what it holds. */
  static async open<T>(deps: JournalFileDeps<T>): Promise<OpenedJournal<T>> {
    const raw = await readBytes(deps.file);
    const bytes = raw ?? Buffer.alloc(0);
    const whole = bytes.lastIndexOf(0x0a) + 1;
    const journal = new JournalFile(deps, whole, raw !== null);
    if (whole < bytes.length) {
      deps.log.warn(
        { file: deps.file, bytes: bytes.length - whole },
        `${deps.name}: torn last line (cut off mid-write) dropped`,
      );
      journal.ragged = true;
      await journal
        .cutBack()
        .catch((err: unknown) =>
          deps.log.error({ err, file: deps.file }, `${deps.name}: torn tail not cut yet; cut before the next append`),
        );
    }
    const entries: T[] = [];
    const setAside: SetAsideLine[] = [];
    const kept: string[] = [];
    bytes
      .subarray(0, whole)
      .toString("utf8")
      .split("\n")
      .forEach((text, i) => {
        if (text.length === 0) return;
        const checked = deps.parse(text);
        if (checked.ok) {
          entries.push(checked.value);
          kept.push(text);
        } else setAside.push({ line: i + 1, reason: checked.reason, text });
      });
    if (setAside.length > 0) await journal.moveAside(setAside, kept);
    return { journal, entries, setAside };
  }

  /** Bytes of whole lines in the journal. */
  get bytes(): number {
    return this.size;
  }

  /** How long the current append has been running, ms; 0 when idle. */
  busyForMs(): number {
    return this.writingSince === null ? 0 : (this.deps.clock ?? systemClock).monotonic() - this.writingSince;
  }

  /**
   * Appends whole lines (`text` ends with "\n") and resolves once every byte is fdatasynced.
   * On failure nothing of `text` stays in the journal. Appends never overtake each other.
   * @throws StationError STORE_FULL on a full disk, STORE_WRITE_FAILED otherwise.
   */
  append(text: string): Promise<void> {
    const next = this.tail.then(() => this.write(Buffer.from(text, "utf8")));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Replaces the whole journal with `text` (temp file, fsync, rename, fsync folder). */
  replace(text: string): Promise<void> {
    const next = this.tail.then(() => this.rewrite(text));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Waits for queued writes, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    await this.dropHandle();
  }

  private async write(buf: Buffer): Promise<void> {
    if (this.closed) throw new StationError(`${this.deps.name} is closed`, "STORE_WRITE_FAILED");
    this.writingSince = (this.deps.clock ?? systemClock).monotonic();
    try {
      const fh = await this.handle();
      if (this.ragged) await this.cutBack();
      let done = 0;
      while (done < buf.length) {
        const { bytesWritten } = await fh.write(buf, done, buf.length - done, this.size + done);
        if (bytesWritten <= 0) throw new Error("the disk took no bytes");
        done += bytesWritten;
      }
      await fh.datasync();
      this.size += buf.length;
    } catch (e) {
      this.ragged = true;
      await this.cutBack().catch(() => undefined);
      throw storeWriteError(`${this.deps.name} not written`, e);
    } finally {
      this.writingSince = null;
    }
  }

  /** Cuts whatever a failed append or a crash left past the last whole line. Needs no free space. */
  private async cutBack(): Promise<void> {
    const fh = await this.handle();
    await fh.truncate(this.size);
    await fh.datasync();
    this.ragged = false;
  }

  private async rewrite(text: string): Promise<void> {
    await this.dropHandle();
    try {
      await writeFileDurably(this.deps.file, text);
      this.size = Buffer.byteLength(text);
      this.ragged = false;
      this.exists = true;
    } catch (e) {
      // Normally the old journal is untouched; if the rename got through and only the folder
      // fsync failed, it is the new one. Either way, learn where its whole lines end.
      const now = (await readBytes(this.deps.file)) ?? Buffer.alloc(0);
      this.size = now.lastIndexOf(0x0a) + 1;
      this.ragged = this.size < now.length;
      throw storeWriteError(`${this.deps.name} not rewritten`, e);
    }
  }

  /** Saves refused lines to the side file, then drops them from the journal; on failure both stay. */
  private async moveAside(lines: SetAsideLine[], kept: string[]): Promise<void> {
    const { file, log, name } = this.deps;
    for (const l of lines)
      log.error(
        { file, line: l.line, reason: l.reason, code: "STORE_CORRUPT" },
        `${name}: line cannot be replayed; moved to ${setAsidePath(file)}`,
      );
    try {
      const side = await JournalFile.open({
        file: setAsidePath(file),
        log,
        name: `${name} set-aside file`,
        parse: (text) => ({ ok: true, value: text }),
        clock: this.deps.clock ?? systemClock,
      });
      const already = side.entries.map(parseSetAsideRecord).filter((r) => r !== null);
      const fresh = newSetAsideRecords(file, lines, already, this.deps.clock ?? systemClock);
      if (fresh.length > 0) await side.journal.append(fresh.map((r) => `${JSON.stringify(r)}\n`).join(""));
      await side.journal.close();
      await this.rewrite(kept.map((t) => `${t}\n`).join(""));
    } catch (err) {
      log.error(
        { err, file, code: (err as StationError).code },
        `${name}: refused lines not moved yet (kept in the journal, tried again at the next start)`,
      );
    }
  }

  private async handle(): Promise<NonNullable<JournalFile["fh"]>> {
    if (this.fh) return this.fh;
    const fh = await open(this.deps.file, constants.O_RDWR | constants.O_CREAT);
    this.fh = fh;
    if (!this.exists) {
      // A new file's name is in the folder only once the folder is synced (fsync(2) notes).
      await fsyncDir(dirname(this.deps.file));
      this.exists = true;
    }
    return fh;
  }

  private async dropHandle(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close();
  }
}

/** Reads a file's bytes, or null when it does not exist. */
async function readBytes(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
