/**
 * The likely intended package of a tag the state system does not know: METRC tags are 24
 * characters, and a mistyped one is usually one or two characters off a real one (a wrong, missing,
 * extra or swapped character). A fix names the package only when exactly one active package is
 * nearest; with two as near, naming one would be a guess.
 */

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
export function tagDistance(a: string, b: string): number {
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
 * The likely intended package of `tag` among `active`: the one package nearest to it, when it is
 * one or two edits away and no other package is as near. Tags are issued in sequence, so a
 * mistyped tag is often two edits from several neighbours but one edit from only the one meant.
 * The distance is the same read backwards, and tags differ at their end (the sequence number), so
 * comparing them backwards gives up on a far tag within a few characters instead of after the
 * shared licence prefix: a site's ten thousand active tags take about a millisecond.
 */
export function likelyIntended(tag: string, active: readonly string[]): string | undefined {
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
