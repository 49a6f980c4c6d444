import fc from "fast-check";

/**
 * Shared knobs for the `*.fuzz.test.ts` properties. `npm test` runs each property a bounded
 * number of times (the whole fuzz set stays within ~20 s on a two-core machine); a deeper
 * campaign multiplies every count: `FUZZ_SCALE=50 npx vitest run fuzz`. A failure prints
 * fast-check's seed and path; `FUZZ_SEED=<seed>` replays the same inputs.
 */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? "1");
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** fast-check parameters for one property: its run count, and the seed when one is given. */
export function fuzzParams(base: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  return { numRuns: fuzzRuns(base), ...(seed ? { seed: Number(seed) } : {}) };
}

/**
 * Property names every JavaScript object inherits: the inputs a lookup table keyed by wire
 * text (`TABLE[token]`) answers with a function instead of "no such entry".
 */
export const PROTOTYPE_KEYS = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
] as const;

/** Text that trips parsers: control characters, NUL, surrogates, long runs, prototype names. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(...PROTOTYPE_KEYS, "", " ", "\u0000", "\r\n", "\u001d", "\ud800", "-0", "NaN", "1e309", "0x10", "🌿"),
  fc.string({ unit: fc.constantFrom("0", "9", ".", "-", "+", " ", "A", "\u0000"), maxLength: 30 }),
);

/** Any JSON value, with prototype names among the object keys. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, ""),
    nastyText,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyText, fc.constantFrom(...PROTOTYPE_KEYS)), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** JSON text of a value through JSON.stringify, or a broken variant of it. */
export function jsonTextOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    value.map((v) => JSON.stringify(v) ?? "null"),
    fc.tuple(value, fc.nat()).map(([v, cut]) => {
      const text = JSON.stringify(v) ?? "null";
      return text.slice(0, cut % (text.length + 1));
    }),
  );
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One edit of a JSON document: which node (by walk order), and what to do to it. */
export interface JsonEdit {
  at: number;
  op: "delete" | "replace" | "add" | "retype";
  value: unknown;
  key: string;
}

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("delete", "replace", "add", "retype"),
  value: nastyJson,
  key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, "id", "type", "payload", "stationId"), nastyText),
});

/**
 * Applies edits to a deep copy of `doc`: deletes a field, replaces it with any JSON, adds an
 * unknown key, or turns a value into another JSON type. Mutating a golden example keeps most
 * of the message valid, so the schema's deeper checks are reached.
 */
export function mutateJson(doc: unknown, edits: readonly JsonEdit[]): unknown {
  const root = { doc: JSON.parse(JSON.stringify(doc)) as Json };
  for (const e of edits) applyEdit(root, e);
  return root.doc;
}

function containers(
  node: Json,
  out: Array<{ parent: { [k: string]: Json } | Json[]; key: string | number }>,
  parent?: { [k: string]: Json } | Json[],
  key?: string | number,
): void {
  if (parent !== undefined && key !== undefined) out.push({ parent, key });
  if (Array.isArray(node)) node.forEach((v, i) => containers(v, out, node, i));
  else if (node && typeof node === "object") for (const k of Object.keys(node)) containers(node[k]!, out, node, k);
}

function applyEdit(root: { doc: Json }, e: JsonEdit): void {
  const slots: Array<{ parent: { [k: string]: Json } | Json[]; key: string | number }> = [];
  containers(root.doc, slots, root as unknown as { [k: string]: Json }, "doc");
  const slot = slots[e.at % slots.length]!;
  const target = (slot.parent as Record<string | number, Json>)[slot.key];
  if (e.op === "delete" && slot.key !== "doc") {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
  } else if (e.op === "add" && target && typeof target === "object" && !Array.isArray(target)) {
    Object.defineProperty(target, e.key, {
      value: e.value as Json,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (e.op === "retype") {
    (slot.parent as Record<string | number, Json>)[slot.key] = retype(target);
  } else {
    (slot.parent as Record<string | number, Json>)[slot.key] = e.value as Json;
  }
}

function retype(v: Json | undefined): Json {
  if (typeof v === "string") return v.length;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) return v[0] ?? null;
  if (v && typeof v === "object") return [v];
  return {};
}
