import { open, type FileHandle } from "node:fs/promises";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import type { Manifest } from "#contract/receiving.js";
import { StationError } from "#station/errors.js";
import { readIfExists, writeFileDurably } from "#station/store/durable-file.js";
import type { ReceiveInput, ReceiveRules } from "./machine.js";

/** A label to print, rendered when the decision was made so a replay prints the same thing. */
export interface PrintTask {
  id: string;
  template: "shelf" | "quarantine";
  /** Package label the job is for. */
  label: string;
  zpl: string;
}

/** Something the station must do for an input: put an event in the outbox, or print a label. */
export type ReceiveTask = { kind: "event"; env: Envelope } | { kind: "print"; print: PrintTask };

/** One line of `receiving.journal`. */
export type JournalEntry =
  | {
      k: "start"; receivingId: string; manifest: Manifest; employeeId: string; at: number;
      /** The rules in force when receiving began, so a replay after a config change decides the same. */
      rules?: ReceiveRules;
    }
  /** An input the workflow accepted, with the tasks it caused (ids fixed before anything runs). */
  | { k: "input"; input: ReceiveInput; tasks?: ReceiveTask[] }
  /** Tasks carried out (event in the outbox, label job finished): not to be done again. */
  | { k: "done"; ids: string[] };

/**
 * The open receiving, as an append-only journal: the start, every input the workflow accepted,
 * and which of their tasks are done. Each append is fsynced before the kiosk shows the result,
 * so after a power cut, a kiosk reload or a restart the workflow is rebuilt by replaying the
 * inputs, and tasks without a `done` line are carried out again (event ids are fixed in the
 * journal, so the hub stores a resent event once).
 *
 * Why a journal and not a JSON file rewritten per scan: a 1,000-package manifest with its
 * progress is a few hundred KB; rewriting it on every scan would cost more than the 25 ms a
 * scan may take, while one appended line costs the same at the first scan and the last.
 */
export class ReceivingJournal {
  private fh: FileHandle | null = null;
  private tail: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string, private readonly log: Logger) {}

  /** Opens the journal and returns what it holds; a torn last line (power cut mid-write) is dropped. */
  static async open(file: string, log: Logger): Promise<{ journal: ReceivingJournal; entries: JournalEntry[] }> {
    const journal = new ReceivingJournal(file, log);
    const text = (await readIfExists(file)) ?? "";
    const entries: JournalEntry[] = [];
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (line.length === 0) return;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        log.warn({ file, line: i + 1, last: i >= lines.length - 2 }, "receiving journal line unreadable, skipped");
      }
    });
    return { journal, entries };
  }

  /** Appends entries and resolves once they are on disk. Appends never overtake each other. */
  append(entries: JournalEntry[]): Promise<void> {
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    const next = this.tail.then(() => this.write(text));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Starts a new journal holding only `entries` (a new receiving), or empties it. */
  replace(entries: JournalEntry[]): Promise<void> {
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    const next = this.tail.then(async () => {
      await this.fh?.close();
      this.fh = null;
      await writeFileDurably(this.file, text);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.fh?.close();
    this.fh = null;
  }

  private async write(text: string): Promise<void> {
    try {
      if (!this.fh) this.fh = await open(this.file, "a");
      await this.fh.write(text);
      await this.fh.datasync();
    } catch (e) {
      this.log.error({ err: e, file: this.file, code: "STORE_WRITE_FAILED" }, "receiving journal write failed");
      throw new StationError(`receiving not saved: ${(e as Error).message}`, "STORE_WRITE_FAILED", { cause: e });
    }
  }
}
