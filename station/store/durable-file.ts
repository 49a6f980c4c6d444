import { open, readFile, rename, unlink } from "node:fs/promises";
import type { Low } from "lowdb";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { StationError } from "#station/errors.js";

/**
 * Replaces `file` with `text` so that a power cut leaves either the old or the new content,
 * and the new content survives once this resolves.
 *
 * Why: lowdb's own file adapter writes a temporary file and renames it without fsync. On ext4
 * the rename can reach the disk before the data, and a power cut then leaves an empty file —
 * exactly the scans the kiosk had already shown as recorded. So: write temp, fsync temp, rename,
 * fsync the folder (which makes the rename itself durable).
 */
export async function writeFileDurably(file: string, text: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await fsyncDir(dirname(file));
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw storeWriteError(`could not write ${file}`, e);
  }
}

/** True for the errors a full disk or an exhausted quota gives. */
function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/**
 * The StationError for a failed store write: STORE_FULL when the disk is full (the kiosk says so
 * plainly, and it clears by itself once space is back), STORE_WRITE_FAILED otherwise.
 */
export function storeWriteError(what: string, e: unknown): StationError {
  if (e instanceof StationError) return e;
  const full = isDiskFull(e);
  const message = full ? `${what}: the station's disk is full` : `${what}: ${(e as Error).message}`;
  return new StationError(message, full ? "STORE_FULL" : "STORE_WRITE_FAILED", { cause: e });
}

/** fsyncs a folder so a rename or a new file inside it is on disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Reads a file as text, or null when it does not exist. */
export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/**
 * lowdb adapter for one JSON file that fsyncs the file and its folder on every write.
 * Writes are serialised: a write never overtakes an earlier one.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private last: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    const text = await readIfExists(this.file);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new StationError(`${this.file} is not valid JSON: ${(e as Error).message}`, "STORE_CORRUPT", { cause: e });
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.last.then(() => writeFileDurably(this.file, text));
    this.last = next.catch(() => undefined);
    return next;
  }
}

/**
 * Reads a lowdb file; one that is not valid JSON is renamed to `<file>.corrupt-<ms>` (kept for
 * whoever investigates) and the store starts from its defaults. Returns the renamed path, if any.
 * Only for stores the hub can send again (replica) or that are cheap to lose (open session).
 */
export async function readOrSetAside<T>(db: Low<T>, file: string, now: number = Date.now()): Promise<string | null> {
  try {
    await db.read();
    return null;
  } catch (e) {
    if (!(e instanceof StationError) || e.code !== "STORE_CORRUPT") throw e;
    const aside = `${file}.corrupt-${now}`;
    await rename(file, aside);
    await fsyncDir(dirname(file));
    return aside;
  }
}
