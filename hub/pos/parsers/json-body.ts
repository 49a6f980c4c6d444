/** Reading a POS API's JSON body: the whole file, then field by field with reasons. */
import type { RowError } from "../sale-line.js";

export type Json = Record<string, unknown>;

/** The parsed body, or the reason (row 0: the file as a whole) it is not JSON. */
export function readJson(text: string): { ok: true; body: unknown } | { ok: false; error: RowError } {
  try {
    return { ok: true, body: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch (err) {
    return { ok: false, error: { row: 0, reason: `not JSON: ${(err as Error).message}` } };
  }
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string or number id as text; undefined when absent or empty. */
export function idOf(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return undefined;
}

export function numberOf(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
