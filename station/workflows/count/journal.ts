import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import type { Checked } from "#contract/validate.js";
import type { StationError } from "#station/errors.js";
import { storeWriteError } from "#station/store/durable-file.js";
import { JournalFile } from "#station/store/journal-file.js";
import type { CountInput, CountState } from "./machine.js";

/** One line of `count.journal`. */
export type CountJournalEntry =
  /** The whole state, written when the hub's assignments arrive (the journal starts again from it). */
  | { k: "state"; state: CountState }
  /** An input the workflow took, with the events it causes (ids fixed before anything is sent). */
  | { k: "input"; input: CountInput; events?: Envelope[] }
  /** Events put in the outbox: not to be sent again. */
  | { k: "done"; ids: string[] };

/**
 * The counts at this station as an append-only journal (fsynced per append, before the kiosk
 * shows the result): the state as of the hub's last assignment, then every input taken since, so
 * a power cut, a reload or a restart resumes the count where it stood; submitted lines whose
 * events are not marked done are put in the outbox again (same ids: the hub stores them once).
 */
export class CountJournal {
  private constructor(
    private readonly file: JournalFile,
    private readonly log: Logger,
  ) {}

  static async open(file: string, log: Logger): Promise<{ journal: CountJournal; entries: CountJournalEntry[] }> {
    const { journal, entries } = await JournalFile.open({ file, log, name: "count journal", parse: parseEntry });
    return { journal: new CountJournal(journal, log), entries };
  }

  append(entries: CountJournalEntry[]): Promise<void> {
    return this.file.append(lines(entries)).catch((e: unknown) => {
      const err = storeWriteError("count not saved", (e as StationError).cause ?? e);
      this.log.error({ err: err.message, code: err.code }, "count journal write failed");
      throw err;
    });
  }

  /** Starts the journal again from `entries`. */
  replace(entries: CountJournalEntry[]): Promise<void> {
    return this.file.replace(lines(entries));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

const lines = (entries: CountJournalEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join("");
const KINDS = new Set(["state", "input", "done"]);

function parseEntry(line: string): Checked<CountJournalEntry> {
  try {
    const entry = JSON.parse(line) as Partial<CountJournalEntry> | null;
    if (typeof entry?.k === "string" && KINDS.has(entry.k)) return { ok: true, value: entry as CountJournalEntry };
    return { ok: false, reason: "not a count journal entry (no known k)" };
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
}
