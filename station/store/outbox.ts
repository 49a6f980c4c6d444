import { EventEmitter } from "node:events";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import { systemClock, type Clock } from "#station/clock.js";
import { StationError } from "#station/errors.js";
import { storeWriteError } from "./durable-file.js";
import { JournalFile } from "./journal-file.js";
import { ackLine, eventLine, parseOutboxLine, type OutboxLine } from "./outbox-lines.js";

/**
 * The offline outbox: every station event is here, fsynced, before it is published, and leaves
 * only when the hub acknowledges it.
 *
 * Why a journal and not a lowdb JSON array: lowdb rewrites the whole file on each write, so with
 * 10,000 events waiting for a hub that is down every scan would rewrite megabytes. The journal
 * appends one line per event (`+{envelope}`) and one per ack (`-id,id,…`), so a write costs the
 * size of the new lines whatever the depth. Appends that arrive while an fsync is running are
 * committed together by the next one (group commit). When acked lines make up most of the file
 * it is compacted: the pending events are rewritten to a temp file that replaces the journal
 * with the same fsync-file-then-folder dance as the JSON stores.
 *
 *   append(env) ─▶ queue ─▶ JournalFile.append (whole lines + fdatasync) ─▶ pending ─▶ resolve ─▶ bus
 *   ack(ids)    ─▶ pending map ─▶ queue "-ids" (a lost ack line only means a harmless resend)
 *
 * On a full disk appends are refused (STORE_FULL) while acks and delivery go on; the station
 * opens on a full disk too, keeping its journal as it is when it cannot be compacted.
 */
export interface OutboxDeps {
  /** Journal path, e.g. `data/station/outbox.journal`. */
  file: string;
  log: Logger;
  /** Compaction is considered once the journal is larger than this, bytes. */
  compactAboveBytes?: number;
  /** Times how long a disk write has been running (health check); the wall clock by default. */
  clock?: Clock;
}

/**
 * `added` after events are durable (oldest first); `acked` after the hub acknowledged some;
 * `diskFull` when a write hits a full disk (true) and when one gets through again (false).
 */
export interface OutboxEvents {
  added: [Envelope[]];
  acked: [string[]];
  diskFull: [boolean];
}

interface Waiter {
  line: string;
  env: Envelope;
  resolve(): void;
  reject(e: Error): void;
}

const DEFAULT_COMPACT_ABOVE = 1024 * 1024;
/** What a refused event says, for the kiosk banner and the HTTP answer. */
const DISK_FULL_MESSAGE = "the station's disk is full; what was already recorded is still being sent to the hub";
/** While the disk is full, a compaction that could free space is tried at most this often, ms. */
const FULL_DISK_COMPACT_EVERY_MS = 5_000;

/** The outbox journal; see the description above `OutboxDeps`. */
export class Outbox {
  readonly events = new EventEmitter<OutboxEvents>();
  private readonly pending = new Map<string, { env: Envelope; bytes: number }>();
  private liveBytes = 0;
  private queue: Array<Waiter | string> = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private full = false;
  private lastFullCompactAt = -Infinity;

  private constructor(
    private readonly deps: OutboxDeps,
    private readonly journal: JournalFile,
  ) {}

  /**
   * Opens the journal, replays it (a torn last line from a crash is cut off; a line that is not a
   * valid event is moved to `outbox.journal.set-aside` with its reason) and compacts it.
   */
  static async open(deps: OutboxDeps): Promise<Outbox> {
    await mkdir(dirname(deps.file), { recursive: true });
    const opened = await JournalFile.open({
      file: deps.file,
      log: deps.log,
      name: "outbox journal",
      parse: parseOutboxLine,
      clock: deps.clock ?? systemClock,
    });
    const box = new Outbox(deps, opened.journal);
    box.replay(opened.entries, opened.setAside.length);
    await box
      .compact()
      .catch((e: unknown) => box.writeFailed(e, "outbox not compacted at start; journal kept as it is"));
    return box;
  }

  /** Events waiting for the hub's ack. */
  get depth(): number {
    return this.pending.size;
  }

  /** Journal size on disk, bytes. */
  get journalBytes(): number {
    return this.journal.bytes;
  }

  /** True since a write hit a full disk, until one gets through again. */
  get diskFull(): boolean {
    return this.full;
  }

  /**
   * How long the current journal write has been running, ms; 0 when idle. A disk that stops
   * answering shows here long before anything else notices.
   */
  busyForMs(): number {
    return this.journal.busyForMs();
  }

  /** Pending events, oldest first. */
  *entries(): IterableIterator<Envelope> {
    for (const { env } of this.pending.values()) yield env;
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /**
   * Resolves once the event's whole line is fsynced in the journal; only then may it be published
   * or shown. @throws StationError STORE_FULL on a full disk, STORE_WRITE_FAILED on other failures.
   */
  append(env: Envelope): Promise<void> {
    if (this.closed) return Promise.reject(new StationError("outbox is closed", "STORE_WRITE_FAILED"));
    return new Promise((resolve, reject) => {
      this.queue.push({ line: eventLine(env), env, resolve, reject });
      this.kick();
    });
  }

  /** Drops acknowledged events; unknown ids (already acked, or another station's) are ignored. */
  ack(ids: readonly string[]): string[] {
    const removed: string[] = [];
    for (const id of ids) {
      const entry = this.pending.get(id);
      if (!entry) continue;
      this.pending.delete(id);
      this.liveBytes -= entry.bytes;
      removed.push(id);
    }
    if (removed.length > 0 && !this.closed) {
      this.queue.push(ackLine(removed));
      this.kick();
      this.events.emit("acked", removed);
    }
    return removed;
  }

  /** Waits for queued writes, then closes the journal. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.journal.close();
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      // Before the batch too: on a full disk, dropping acked lines is what makes room for it.
      await this.maybeCompact();
      const batch = this.queue;
      this.queue = [];
      await this.commit(batch);
      await this.maybeCompact();
    }
  }

  private async maybeCompact(): Promise<void> {
    if (this.shouldCompact())
      await this.compact().catch((e: unknown) => this.writeFailed(e, "outbox compaction failed"));
  }

  private async commit(batch: Array<Waiter | string>): Promise<void> {
    const text = batch.map((w) => (typeof w === "string" ? w : w.line)).join("");
    const waiters = batch.filter((w): w is Waiter => typeof w !== "string");
    try {
      await this.journal.append(text);
    } catch (e) {
      const err = this.writeFailed(e, "outbox write failed", waiters.length);
      for (const w of waiters) w.reject(err);
      return;
    }
    this.setFull(false);
    for (const w of waiters) {
      const bytes = Buffer.byteLength(w.line);
      this.pending.set(w.env.id, { env: w.env, bytes });
      this.liveBytes += bytes;
    }
    if (waiters.length > 0)
      this.events.emit(
        "added",
        waiters.map((w) => w.env),
      );
    for (const w of waiters) w.resolve();
  }

  /**
   * Logs a failed write (only the first of a full-disk spell as an error), notes a full disk, and
   * gives the error the kiosk shows after "Scan NOT recorded:".
   */
  private writeFailed(e: unknown, what: string, events = 0): StationError {
    const cause = e instanceof StationError ? e : storeWriteError(what, e);
    const err = cause.code === "STORE_FULL" ? new StationError(DISK_FULL_MESSAGE, "STORE_FULL", { cause }) : cause;
    const repeated = err.code === "STORE_FULL" && this.full;
    this.deps.log[repeated ? "debug" : "error"](
      { err: err.message, code: err.code, events, depth: this.pending.size },
      what,
    );
    if (err.code === "STORE_FULL") this.setFull(true);
    return err;
  }

  private setFull(full: boolean): void {
    if (full === this.full) return;
    this.full = full;
    if (!full) this.deps.log.info({ depth: this.pending.size }, "outbox writable again");
    this.events.emit("diskFull", full);
  }

  /**
   * Compacts when acked lines dominate a large journal; on a full disk also when the journal is
   * small, since rewriting it without the acked events is what frees space for new scans.
   */
  private shouldCompact(): boolean {
    const bytes = this.journal.bytes;
    if (bytes <= 2 * this.liveBytes) return false;
    if (bytes > (this.deps.compactAboveBytes ?? DEFAULT_COMPACT_ABOVE)) return true;
    const now = (this.deps.clock ?? systemClock).now();
    if (!this.full || now - this.lastFullCompactAt < FULL_DISK_COMPACT_EVERY_MS) return false;
    this.lastFullCompactAt = now;
    return true;
  }

  /** Rewrites the journal with only the pending events. Runs only inside the flush loop or at open. */
  private async compact(): Promise<void> {
    const lines = [...this.pending.values()].map(({ env }) => eventLine(env)).join("");
    await this.journal.replace(lines);
    this.setFull(false);
    this.deps.log.debug({ depth: this.pending.size, bytes: this.journal.bytes }, "outbox compacted");
  }

  private replay(lines: readonly OutboxLine[], setAside: number): void {
    for (const line of lines) {
      if (line.kind === "event") {
        const before = this.pending.get(line.env.id);
        if (before) this.liveBytes -= before.bytes;
        this.pending.set(line.env.id, { env: line.env, bytes: line.bytes });
        this.liveBytes += line.bytes;
        continue;
      }
      for (const id of line.ids) {
        const entry = this.pending.get(id);
        if (!entry) continue;
        this.pending.delete(id);
        this.liveBytes -= entry.bytes;
      }
    }
    this.deps.log.info({ depth: this.pending.size, setAside }, "outbox replayed");
  }
}
