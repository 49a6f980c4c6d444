import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import type { Checked } from "#contract/validate.js";
import { JournalFile } from "#station/store/journal-file.js";
import type { PickedEntry } from "./machine.js";

/** One line of `restock.journal`. */
export type RestockJournalEntry =
  /** The request on screen (null: the list). */
  | { k: "open"; requestId: string | null }
  /** A package picked here, with its event (id fixed before it is sent). */
  | { k: "picked"; requestId: string; entry: PickedEntry; env: Envelope }
  /** The request finished here. */
  | { k: "finished"; requestId: string; env: Envelope }
  /** A restock asked for at the kiosk. */
  | { k: "asked"; requestId: string; env: Envelope }
  /** Events in the outbox: not to be sent again. */
  | { k: "done"; ids: string[] };

const KINDS = new Set(["open", "picked", "finished", "asked", "done"]);

function parse(line: string): Checked<RestockJournalEntry> {
  try {
    const e = JSON.parse(line) as { k?: unknown } | null;
    return typeof e?.k === "string" && KINDS.has(e.k)
      ? { ok: true, value: e as RestockJournalEntry }
      : { ok: false, reason: "not a restock journal entry (no known k)" };
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
}

const lines = (entries: readonly RestockJournalEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join("");

/**
 * What was picked here, append-only and fsynced before the kiosk shows it: a restart, a reload or
 * a power cut finds every pick again, and an event not yet in the outbox (no `done` line) is put
 * there again with its fixed id (the hub stores it once). Opening keeps only the lines of requests
 * the hub still lists and of events not done.
 */
export class RestockJournal {
  private constructor(private readonly file: JournalFile) {}

  static async open(file: string, log: Logger): Promise<{ journal: RestockJournal; entries: RestockJournalEntry[] }> {
    const { journal, entries } = await JournalFile.open({ file, log, name: "restock journal", parse });
    return { journal: new RestockJournal(journal), entries };
  }

  append(entries: readonly RestockJournalEntry[]): Promise<void> {
    return this.file.append(lines(entries));
  }

  /** Rewrites the journal as `entries` only. */
  replace(entries: readonly RestockJournalEntry[]): Promise<void> {
    return this.file.replace(lines(entries));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
