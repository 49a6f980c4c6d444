import { z } from "zod";

/**
 * Every string in the contract is bounded and printable. Control characters have no business in
 * an id, a name or a note, and one of them stops the hub: PostgreSQL refuses U+0000 in text
 * ("invalid byte sequence for encoding UTF8: 0x00"), which used to fail a whole ingest batch.
 * A length bound keeps one message from filling the ledger (a 1 MB scanner id was stored).
 *
 * Limits, characters (UTF-16 code units, as zod counts them):
 */
export const TEXT_MAX = {
  /** Ids of employees, sessions, devices, items, receivings: UUIDs and short slugs. */
  id: 128,
  /** Package labels where the contract does not insist on a METRC tag (24). */
  label: 64,
  /** Names of people, items, devices, shippers and labs, as a screen shows them. */
  name: 256,
  /** Short codes: units, versions, licence and manifest numbers, batches, potency strings. */
  short: 64,
  /** Shelf, vault or quarantine location names. */
  location: 128,
  /** Reasons, notes and error texts written for a person to read. */
  prose: 500,
  /** Links (METRC Retail ID, COA documents). */
  url: 2_048,
} as const;

/**
 * Index of the first control character (Unicode general category Cc: U+0000–U+001F,
 * U+007F–U+009F) in `s` that is not in `allowed`, or -1.
 */
export function firstControlChar(s: string, allowed = ""): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c <= 0x1f || (c >= 0x7f && c <= 0x9f)) && !allowed.includes(s[i]!)) return i;
  }
  return -1;
}

/** "U+0000 at position 3", for messages. */
export function describeControlChar(s: string, at: number): string {
  return `U+${s.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0")} at position ${at}`;
}

/**
 * `s` made fit for a bounded text field: each control character written as `<U+001D>`, and cut
 * to `max` characters. For messages that quote what was scanned or received.
 */
export function quotable(s: string, max: number): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c <= 0x1f || (c >= 0x7f && c <= 0x9f) ? `<U+${c.toString(16).toUpperCase().padStart(4, "0")}>` : s[i];
  }
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

export interface TextOptions {
  /** Shortest accepted length (default 0). */
  min?: number;
  /** Control characters this field carries on purpose (the GS1 separator in a scanned code). */
  allow?: string;
}

/** A string of at most `max` characters with no control characters (see TEXT_MAX). */
export function text(max: number, opts: TextOptions = {}) {
  const base = z.string().max(max, `at most ${max} characters`);
  const sized = opts.min
    ? base.min(opts.min, opts.min === 1 ? "must not be empty" : `at least ${opts.min} characters`)
    : base;
  return sized.superRefine((s, ctx) => {
    const at = firstControlChar(s, opts.allow);
    if (at >= 0)
      ctx.addIssue({ code: "custom", message: `control character ${describeControlChar(s, at)} is not allowed` });
  });
}

/** A non-empty id of at most TEXT_MAX.id characters. */
export const IdText = text(TEXT_MAX.id, { min: 1 });
