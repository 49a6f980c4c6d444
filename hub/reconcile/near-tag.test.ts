import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { likelyIntended } from "./near-tag.js";

const T = "1A4060300012B7C000003001";

describe("distance between tags", () => {
  it.each([
    [T, T, 0],
    [T, "1A4060300012B7C000003002", 1],
    [T, "1A4060300012B7C00003001", 1],
    [T, "1A4060300012B7C0000030012", 1],
    [T, "1A4060300012B7C000000301", 1],
    [T, "1A4060300012B7C000005091", 2],
    [T, "1A4060300012B7C00003091", 2],
    [T, "1A4060300012B7C0000030015", 1],
    [T, "1A4060300012B7C0000300159", 3],
    [T, "1A4060300012B7C000099901", 3],
    [T, "ZZZ", 3],
  ])("%s ↔ %s: %i (3 = more than two)", (a, b, d) => {
    expect(tagDistance(a, b)).toBe(d);
    expect(tagDistance(b, a)).toBe(d);
    const near = d === 1 || d === 2;
    expect(likelyIntended(b, [a])).toBe(near ? a : undefined);
    expect(likelyIntended(a, [b])).toBe(near ? b : undefined);
  });

  it("counts a swap of neighbours as one edit", () => {
    const swapped = "1A4060300012B7C000030001".replace("000030001", "000003010");
    expect(tagDistance(T, swapped)).toBe(1);
    expect(likelyIntended(swapped, [T, "1A4060300012B7C000009999"])).toBe(T);
  });
});

describe("likelyIntended", () => {
  const active = ["1A4060300012B7C000003001", "1A4060300012B7C000003002", "1A4060300012B7C000007777"];

  it("names the one package a character away, even when others are two away", () => {
    expect(likelyIntended("1A4060300012B7C000007778", active)).toBe("1A4060300012B7C000007777");
    expect(likelyIntended("1A4060300012B7C00007777", active)).toBe("1A4060300012B7C000007777");
  });

  it("names none when two are as near, or none is within two", () => {
    expect(likelyIntended("1A4060300012B7C000003003", active)).toBeUndefined();
    expect(likelyIntended("1A4060300012B7C000005555", active)).toBeUndefined();
  });

  it("never names the tag itself", () => {
    expect(likelyIntended("1A4060300012B7C000007777", ["1A4060300012B7C000007777"])).toBeUndefined();
  });

  it("names what comparing every active tag in turn names", () => {
    const prefix = "1A4060300012B7C";
    const seq = fc.stringMatching(/^[0-9]{9}$/);
    const tag = fc.oneof(
      seq.map((s) => prefix + s),
      fc.stringMatching(/^[0-9A-C]{20,27}$/),
    );
    const edit = fc.tuple(fc.nat(), fc.constantFrom("0", "1", "9", "A", ""), fc.boolean());
    const mistype = (t: string, [at, ch, swap]: [number, string, boolean]) => {
      const i = at % (t.length + 1);
      if (swap && i + 1 < t.length) return t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
      return t.slice(0, i) + ch + t.slice(i + (ch === "" || at % 2 === 0 ? 1 : 0));
    };
    fc.assert(
      fc.property(
        fc.array(tag, { minLength: 0, maxLength: 60 }),
        fc.nat(),
        fc.array(edit, { minLength: 0, maxLength: 3 }),
        (active, pick, edits) => {
          const base = active.length > 0 ? active[pick % active.length]! : prefix + "000000001";
          const unknown = edits.reduce(mistype, base);
          expect(likelyIntended(unknown, active)).toBe(bruteForce(unknown, active));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

/** Most edits between two tags that still count as the same tag mistyped. */
const MAX_EDITS = 2;

/** Cells of one row within MAX_EDITS of the diagonal. */
const BAND = 2 * MAX_EDITS + 1;
/** Three rows of the band (two back, one back, this one), kept between calls. */
const cells = new Int32Array(3 * BAND);

/**
 * Edits (change, insert, delete, swap of neighbours) between `a` and `b`, or MAX_EDITS + 1 when
 * there are more. Only the band of cells within MAX_EDITS of the diagonal can stay within the
 * bound, so a row is BAND cells (cell `o` of row `i` is column i + o − MAX_EDITS), and a row past
 * the bound everywhere ends the search. This runs once per active package for each unknown tag.
 */
function tagDistance(a: string, b: string): number {
  const far = MAX_EDITS + 1;
  if (Math.abs(a.length - b.length) > MAX_EDITS) return far;
  let before = 0;
  let prev = BAND;
  let row = 2 * BAND;
  for (let o = 0; o < BAND; o++) {
    const j = o - MAX_EDITS;
    cells[before + o] = far;
    cells[prev + o] = j < 0 || j > b.length ? far : j;
  }
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    let best = far;
    for (let o = 0; o < BAND; o++) {
      const j = i + o - MAX_EDITS;
      let d = far;
      if (j === 0) d = i <= MAX_EDITS ? i : far;
      else if (j > 0 && j <= b.length) {
        const bj = b.charCodeAt(j - 1);
        d = cells[prev + o]! + (ai === bj ? 0 : 1);
        if (o + 1 < BAND && cells[prev + o + 1]! + 1 < d) d = cells[prev + o + 1]! + 1;
        if (o > 0 && cells[row + o - 1]! + 1 < d) d = cells[row + o - 1]! + 1;
        if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && cells[before + o]! + 1 < d)
          d = cells[before + o]! + 1;
        if (d > far) d = far;
      }
      cells[row + o] = d;
      if (d < best) best = d;
    }
    if (best > MAX_EDITS) return far;
    const spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  return cells[prev + b.length - a.length + MAX_EDITS]!;
}

const reversed = new WeakMap<readonly string[], string[]>();
function backwards(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * The earlier search, kept as the reference: every active tag compared in turn: the one package nearest to it, when it is
 * one or two edits away and no other package is as near. Tags are issued in sequence, so a
 * mistyped tag is often two edits from several neighbours but one edit from only the one meant.
 * The distance is the same read backwards, and tags differ at their end (the sequence number), so
 * comparing them backwards gives up on a far tag within a few characters instead of after the
 * shared licence prefix: a site's ten thousand active tags take about a millisecond.
 */
function bruteForce(tag: string, active: readonly string[]): string | undefined {
  let back = reversed.get(active);
  if (!back) reversed.set(active, (back = active.map(backwards)));
  const want = backwards(tag);
  let best = MAX_EDITS + 1;
  let found: string | undefined;
  let tied = false;
  for (let i = 0; i < back.length; i++) {
    const candidate = back[i]!;
    if (candidate === want) continue;
    const d = tagDistance(want, candidate);
    if (d < best) {
      best = d;
      found = active[i];
      tied = false;
    } else if (d === best) tied = true;
  }
  return best <= MAX_EDITS && !tied ? found : undefined;
}
