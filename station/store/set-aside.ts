import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Logger } from "pino";
import type { Clock } from "#station/clock.js";
import { readIfExists } from "./durable-file.js";

/** A journal line that could not be replayed: where it was, why, and its text as read. */
export interface SetAsideLine {
  /** 1-based line number in the journal when it was read. */
  line: number;
  reason: string;
  text: string;
}

/** One line of a `<journal>.set-aside` file. */
export interface SetAsideRecord extends SetAsideLine {
  /** ISO time it was set aside. */
  at: string;
  /** The journal it came from (file name only). */
  journal: string;
}

/** What the station reports about its set-aside lines (retained status, /api/status). */
export interface SetAsideSummary {
  /** Lines kept in side files, all journals together. */
  lines: number;
  /** Side file names holding them, e.g. `outbox.journal.set-aside`. */
  files: string[];
  /** Reason of the newest one, for the dashboard. */
  latestReason?: string;
}

/** The side file of a journal: `<journal>.set-aside`. */
export const setAsidePath = (journal: string): string => `${journal}.set-aside`;

const SUFFIX = ".set-aside";

/** One side-file line, or null when it is not a record. */
export function parseSetAsideRecord(line: string): SetAsideRecord | null {
  try {
    const r = JSON.parse(line) as Partial<SetAsideRecord>;
    return typeof r.text === "string" && typeof r.reason === "string" ? (r as SetAsideRecord) : null;
  } catch {
    return null;
  }
}

/** Records already in a side file (an unreadable side-file line counts as text nobody can match). */
export async function readSetAside(sideFile: string): Promise<SetAsideRecord[]> {
  const text = (await readIfExists(sideFile)) ?? "";
  return text
    .split("\n")
    .filter(Boolean)
    .map(parseSetAsideRecord)
    .filter((r): r is SetAsideRecord => r !== null);
}

/**
 * Builds the records to add to a journal's side file: one per refused line, skipping lines the
 * side file already holds (a journal that could not be rewritten on a full disk is read again
 * at the next start, and its bad lines must not pile up twice).
 */
export function newSetAsideRecords(
  journal: string,
  lines: readonly SetAsideLine[],
  already: readonly SetAsideRecord[],
  clock: Clock,
): SetAsideRecord[] {
  const known = new Set(already.map((r) => r.text));
  const at = new Date(clock.now()).toISOString();
  const fresh: SetAsideRecord[] = [];
  for (const l of lines) {
    if (known.has(l.text)) continue;
    known.add(l.text);
    fresh.push({ at, journal: basename(journal), ...l });
  }
  return fresh;
}

/** Counts the set-aside lines of every journal in `dir`. Unreadable folders count as none. */
export async function setAsideSummary(dir: string, log?: Logger): Promise<SetAsideSummary> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(SUFFIX)).sort();
  } catch (err) {
    log?.warn({ err, dir }, "set-aside files not counted");
    return { lines: 0, files: [] };
  }
  let lines = 0;
  let latest: SetAsideRecord | undefined;
  const files: string[] = [];
  for (const name of names) {
    const records = await readSetAside(join(dir, name));
    if (records.length === 0) continue;
    files.push(name);
    lines += records.length;
    for (const r of records) if (!latest || r.at >= latest.at) latest = r;
  }
  return {
    lines,
    files,
    ...(latest ? { latestReason: `${latest.journal} line ${latest.line}: ${latest.reason}` } : {}),
  };
}
