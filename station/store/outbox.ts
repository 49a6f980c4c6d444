import { EventEmitter } from "node:events";
import { mkdir, open, stat, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import { systemClock, type Clock } from "#station/clock.js";
import { StationError } from "#station/errors.js";
import { readIfExists, writeFileDurably } from "./durable-file.js";

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
 *   append(env) ─▶ queue ─▶ write + fdatasync ─▶ pending map ─▶ resolve ─▶ bus publishes
 *   ack(ids)    ─▶ pending map ─▶ queue "-ids" (a lost ack line only means a harmless resend)
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

/** `added` after events are durable (oldest first); `acked` after the hub acknowledged some. */
export interface OutboxEvents {
  added: [Envelope[]];
  acked: [string[]];
}

interface Waiter {
  line: string;
  env: Envelope;
  resolve(): void;
  reject(e: Error): void;
}

const DEFAULT_COMPACT_ABOVE = 1024 * 1024;

/** The outbox journal; see the description above `OutboxDeps`. */
export class Outbox {
  readonly events = new EventEmitter<OutboxEvents>();
  private readonly pending = new Map<string, { env: Envelope; bytes: number }>();
  private liveBytes = 0;
  private fileBytes = 0;
  private fh: FileHandle | null = null;
  private queue: Array<Waiter | string> = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private writingSince: number | null = null;

  private constructor(private readonly deps: OutboxDeps) {}

  /** Opens the journal, replays it (a torn last line from a crash is dropped) and compacts it. */
  static async open(deps: OutboxDeps): Promise<Outbox> {
    const box = new Outbox(deps);
    await mkdir(dirname(deps.file), { recursive: true });
    await box.replay();
    await box.compact();
    return box;
  }

  /** Events waiting for the hub's ack. */
  get depth(): number {
    return this.pending.size;
  }

  /** Journal size on disk, bytes. */
  get journalBytes(): number {
    return this.fileBytes;
  }

  /**
   * How long the current journal write has been running, ms; 0 when idle. A disk that stops
   * answering shows here long before anything else notices.
   */
  busyForMs(): number {
    return this.writingSince === null ? 0 : (this.deps.clock ?? systemClock).now() - this.writingSince;
  }

  /** Pending events, oldest first. */
  *entries(): IterableIterator<Envelope> {
    for (const { env } of this.pending.values()) yield env;
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** Resolves once the event is fsynced in the journal; only then may it be published or shown. */
  append(env: Envelope): Promise<void> {
    if (this.closed) return Promise.reject(new StationError("outbox is closed", "STORE_WRITE_FAILED"));
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `+${JSON.stringify(env)}\n`, env, resolve, reject });
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
      this.queue.push(`-${removed.join(",")}\n`);
      this.kick();
      this.events.emit("acked", removed);
    }
    return removed;
  }

  /** Waits for queued writes, then closes the journal. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.fh?.close();
    this.fh = null;
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
      const batch = this.queue;
      this.queue = [];
      await this.commit(batch);
      if (this.shouldCompact()) await this.compact().catch((e) => this.deps.log.error({ err: e, code: "STORE_WRITE_FAILED" }, "outbox compaction failed"));
    }
  }

  private async commit(batch: Array<Waiter | string>): Promise<void> {
    const text = batch.map((w) => (typeof w === "string" ? w : w.line)).join("");
    const waiters = batch.filter((w): w is Waiter => typeof w !== "string");
    this.writingSince = (this.deps.clock ?? systemClock).now();
    try {
      if (!this.fh) this.fh = await open(this.deps.file, "a");
      await this.fh.write(text);
      await this.fh.datasync();
      this.fileBytes += Buffer.byteLength(text);
    } catch (e) {
      const err = new StationError(`outbox write failed: ${(e as Error).message}`, "STORE_WRITE_FAILED", { cause: e });
      this.deps.log.error({ err, code: err.code, events: waiters.length }, "outbox write failed");
      for (const w of waiters) w.reject(err);
      return;
    } finally {
      this.writingSince = null;
    }
    for (const w of waiters) {
      const bytes = Buffer.byteLength(w.line);
      this.pending.set(w.env.id, { env: w.env, bytes });
      this.liveBytes += bytes;
    }
    if (waiters.length > 0) this.events.emit("added", waiters.map((w) => w.env));
    for (const w of waiters) w.resolve();
  }

  private shouldCompact(): boolean {
    const threshold = this.deps.compactAboveBytes ?? DEFAULT_COMPACT_ABOVE;
    return this.fileBytes > threshold && this.fileBytes > 2 * this.liveBytes;
  }

  /** Rewrites the journal with only the pending events. Runs only inside the flush loop or at open. */
  private async compact(): Promise<void> {
    const lines = [...this.pending.values()].map(({ env }) => `+${JSON.stringify(env)}\n`).join("");
    await this.fh?.close();
    this.fh = null;
    await writeFileDurably(this.deps.file, lines);
    this.fileBytes = Buffer.byteLength(lines);
    this.deps.log.debug({ depth: this.pending.size, bytes: this.fileBytes }, "outbox compacted");
  }

  private async replay(): Promise<void> {
    const text = await readIfExists(this.deps.file);
    if (text === null) return;
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (line.length === 0) return;
      if (!this.replayLine(line)) {
        this.deps.log.warn({ file: this.deps.file, line: i + 1, last: i >= lines.length - 2 }, "outbox journal line unreadable, skipped");
      }
    });
    this.fileBytes = (await stat(this.deps.file)).size;
    this.deps.log.info({ depth: this.pending.size }, "outbox replayed");
  }

  private replayLine(line: string): boolean {
    if (line.startsWith("-")) {
      for (const id of line.slice(1).split(",")) {
        const entry = this.pending.get(id);
        if (entry) {
          this.pending.delete(id);
          this.liveBytes -= entry.bytes;
        }
      }
      return true;
    }
    if (!line.startsWith("+")) return false;
    try {
      const env = JSON.parse(line.slice(1)) as Envelope;
      if (typeof env.id !== "string") return false;
      const bytes = Buffer.byteLength(line) + 1;
      this.pending.set(env.id, { env, bytes });
      this.liveBytes += bytes;
      return true;
    } catch {
      return false;
    }
  }
}
