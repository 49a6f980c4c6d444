import type { Logger } from "pino";
import type { Checked } from "#contract/validate.js";
import type { StationError } from "#station/errors.js";
import { storeWriteError } from "#station/store/durable-file.js";
import { JournalFile } from "#station/store/journal-file.js";
import type { OpsTask } from "./tasks.js";

/** One line of a vault operation's journal: an accepted input with the tasks it caused, or tasks done. */
export type OpsEntry<I> = { k: "input"; input: I; tasks?: OpsTask[] } | { k: "done"; ids: string[] };

/**
 * The open waste or split as an append-only journal (receiving's pattern): every input the
 * workflow accepted, fsynced before the kiosk shows it, with the tasks it caused (event ids and
 * label ZPL fixed), and which tasks are done. On start the inputs are replayed and tasks without
 * a `done` line are carried out again (same ids, so the hub stores a resent event once).
 */
export class OpsJournal<I> {
  private constructor(
    private readonly file: JournalFile,
    private readonly log: Logger,
    private readonly name: string,
  ) {}

  static async open<I>(
    file: string,
    name: string,
    log: Logger,
  ): Promise<{ journal: OpsJournal<I>; entries: OpsEntry<I>[] }> {
    const { journal, entries } = await JournalFile.open<OpsEntry<I>>({ file, log, name, parse: parseEntry });
    return { journal: new OpsJournal<I>(journal, log, name), entries };
  }

  /** Appends entries; resolves once they are on disk, whole. */
  append(entries: OpsEntry<I>[]): Promise<void> {
    return this.file.append(lines(entries)).catch((e: unknown) => {
      const err = storeWriteError(`${this.name} not saved`, (e as StationError).cause ?? e);
      this.log.error({ err: err.message, code: err.code }, `${this.name} write failed`);
      throw err;
    });
  }

  /** Starts over with only `entries` (a new waste or split). */
  replace(entries: OpsEntry<I>[]): Promise<void> {
    return this.file.replace(lines(entries));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

const lines = <I>(entries: OpsEntry<I>[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join("");

function parseEntry<I>(line: string): Checked<OpsEntry<I>> {
  try {
    const e = JSON.parse(line) as Partial<OpsEntry<I>> | null;
    if (e?.k === "input" || e?.k === "done") return { ok: true, value: e as OpsEntry<I> };
    return { ok: false, reason: "not a journal entry (no known k)" };
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
}

/** The tasks of replayed entries that have no `done` line yet. */
export function pendingTasks<I>(entries: readonly OpsEntry<I>[]): OpsTask[] {
  const done = new Set(entries.flatMap((e) => (e.k === "done" ? e.ids : [])));
  return entries.flatMap((e) => (e.k === "input" ? (e.tasks ?? []) : [])).filter((t) => !done.has(taskId(t)));
}

/** Id of a task, for `done` lines. */
export function taskId(t: OpsTask): string {
  return t.kind === "event" ? t.env.id : t.print.id;
}

/**
 * The state the journalled inputs lead to from `start`: each input goes through the machine's
 * `step` again, and one it refuses now (it was refused when tapped too) changes nothing.
 */
export function replayInputs<S, I>(
  entries: readonly OpsEntry<I>[],
  start: S,
  step: (s: S, i: I) => { ok: true; state: S } | { ok: false },
): S {
  let state = start;
  for (const e of entries) {
    if (e.k !== "input") continue;
    const r = step(state, e.input);
    if (r.ok) state = r.state;
  }
  return state;
}
