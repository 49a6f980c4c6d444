import type { z } from "zod";
import type { ConfigSlice } from "./workflow.js";

/** One bad key of a slice: its path inside the slice and the message. */
export interface SliceIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * The raw input of a slice: its object from the JSON config file (if any), with each of its
 * environment variables that is set and not empty laid over it (the environment wins).
 */
export function sliceInput(slice: ConfigSlice, env: NodeJS.ProcessEnv, fromFile?: unknown): Record<string, unknown> {
  const raw: Record<string, unknown> =
    fromFile && typeof fromFile === "object" && !Array.isArray(fromFile)
      ? { ...(fromFile as Record<string, unknown>) }
      : {};
  for (const [name, key] of Object.entries(slice.env)) {
    const v = env[name];
    if (v !== undefined && v !== "") raw[key] = v;
  }
  return raw;
}

/** The environment variable that set `key` of the slice, when one did. */
export function sliceVariable(slice: ConfigSlice, key: string, env: NodeJS.ProcessEnv): string | undefined {
  return Object.entries(slice.env).find(([name, k]) => k === key && env[name] !== undefined && env[name] !== "")?.[0];
}

/** Parses a slice; on failure returns its issues instead of throwing. */
export function parseSlice<S extends z.ZodType>(
  slice: ConfigSlice<S>,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; issues: SliceIssue[] } {
  const r = slice.schema.safeParse(input);
  return r.success
    ? { ok: true, value: r.data as z.output<S> }
    : { ok: false, issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })) };
}
