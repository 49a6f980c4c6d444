import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import type { Manifest } from "#contract/receiving.js";
import type { Checked } from "#contract/validate.js";
import type { StationError } from "#station/errors.js";
import { storeWriteError } from "#station/store/durable-file.js";
import { JournalFile } from "#station/store/journal-file.js";
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
      k: "start";
      receivingId: string;
      manifest: Manifest;
      employeeId: string;
      at: number;
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
  private constructor(
    private readonly file: JournalFile,
    private readonly log: Logger,
  ) {}

  /**
   * Opens the journal and returns what it holds; a torn last line (power cut mid-write) is cut
   * off, and a line that is not a journal entry is moved to `receiving.journal.set-aside`.
   */
  static async open(file: string, log: Logger): Promise<{ journal: ReceivingJournal; entries: JournalEntry[] }> {
    const { journal, entries } = await JournalFile.open({ file, log, name: "receiving journal", parse: parseEntry });
    return { journal: new ReceivingJournal(journal, log), entries };
  }

  /** Appends entries and resolves once they are on disk, whole. Appends never overtake each other. */
  append(entries: JournalEntry[]): Promise<void> {
    return this.file.append(lines(entries)).catch((e: unknown) => {
      const err = storeWriteError("receiving not saved", (e as StationError).cause ?? e);
      this.log.error({ err: err.message, code: err.code }, "receiving journal write failed");
      throw err;
    });
  }

  /** Starts a new journal holding only `entries` (a new receiving), or empties it. */
  replace(entries: JournalEntry[]): Promise<void> {
    return this.file.replace(lines(entries));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

const lines = (entries: JournalEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join("");

const KINDS = new Set(["start", "input", "done"]);

/** A journal line: JSON with a known `k`. */
function parseEntry(line: string): Checked<JournalEntry> {
  try {
    const entry = JSON.parse(line) as Partial<JournalEntry> | null;
    if (typeof entry?.k === "string" && KINDS.has(entry.k)) return { ok: true, value: entry as JournalEntry };
    return { ok: false, reason: "not a receiving journal entry (no known k)" };
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
}
