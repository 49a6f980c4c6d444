import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Low } from "lowdb";
import type { Logger } from "pino";
import { DurableJsonFile, readOrSetAside } from "./durable-file.js";

/**
 * The open session: who is signed in and which badges are locked. A small hot file, separate
 * from the replica, so a sign-in costs a write of a few hundred bytes.
 */
export interface SignedIn {
  employeeId: string;
  name: string;
  /** ms since the epoch. */
  since: number;
  /** Last scan or touch by this person, ms since the epoch. */
  lastActivity: number;
}

/** Wrong PINs on one badge and until when it is locked. */
export interface BadgeLock {
  failures: number;
  /** ms since the epoch; 0 when not locked. */
  lockedUntil: number;
}

/** The content of `session.json`. */
export interface SessionData {
  signedIn: SignedIn | null;
  badges: Record<string, BadgeLock>;
}

/** Reads and saves the open session; `save` resolves once it is on disk. */
export interface SessionStore {
  read(): SessionData;
  save(data: SessionData): Promise<void>;
}

/** lowdb-backed session file, fsynced on every save; an unreadable one is set aside (nobody signed in). */
export async function openSessionStore(file: string, log?: Logger): Promise<SessionStore> {
  await mkdir(dirname(file), { recursive: true });
  const db = new Low<SessionData>(new DurableJsonFile<SessionData>(file), { signedIn: null, badges: {} });
  const aside = await readOrSetAside(db, file);
  if (aside)
    log?.error({ file, movedTo: aside, code: "STORE_CORRUPT" }, "session file unreadable: set aside, nobody signed in");
  db.data = { signedIn: db.data.signedIn ?? null, badges: db.data.badges ?? {} };
  return {
    read: () => structuredClone(db.data),
    save: async (data) => {
      db.data = structuredClone(data);
      await db.write();
    },
  };
}

/** In-memory session store for tests and throwaway kiosks. */
export function memorySessionStore(initial: SessionData = { signedIn: null, badges: {} }): SessionStore {
  let data = structuredClone(initial);
  return {
    read: () => structuredClone(data),
    save: async (next) => {
      data = structuredClone(next);
    },
  };
}
