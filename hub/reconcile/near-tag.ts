/**
 * The likely intended package of a tag the state system does not know: METRC tags are 24
 * characters, and a mistyped one is usually one or two characters off a real one (a wrong, missing,
 * extra or swapped character). A fix names the package only when exactly one active package is
 * nearest; with two as near, naming one would be a guess.
 */

/** Most edits between two tags that still count as the same tag mistyped. */
const MAX_EDITS = 2;

/**
 * Edits (change, insert, delete, swap of neighbours) between `a` and `b`, or MAX_EDITS + 1 when
 * there are more. Only the band of cells within MAX_EDITS of the diagonal can stay within the
 * bound, so only those are worked out, and a row past the bound everywhere ends the search.
 */
export function tagDistance(a: string, b: string): number {
  const far = MAX_EDITS + 1;
  if (Math.abs(a.length - b.length) > MAX_EDITS) return far;
  const cell = (row: number[], j: number) => row[j] ?? far;
  let before: number[] = [];
  let prev = Array.from({ length: Math.min(b.length, MAX_EDITS) + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [];
    if (i <= MAX_EDITS) row[0] = i;
    let best = far;
    for (let j = Math.max(1, i - MAX_EDITS); j <= Math.min(b.length, i + MAX_EDITS); j++) {
      const same = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(cell(prev, j) + 1, cell(row, j - 1) + 1, cell(prev, j - 1) + same);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, cell(before, j - 2) + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > MAX_EDITS) return far;
    before = prev;
    prev = row;
  }
  return Math.min(cell(prev, b.length), far);
}

/**
 * The likely intended package of `tag` among `active`: the one package nearest to it, when it is
 * one or two edits away and no other package is as near. Tags are issued in sequence, so a
 * mistyped tag is often two edits from several neighbours but one edit from only the one meant.
 */
export function likelyIntended(tag: string, active: Iterable<string>): string | undefined {
  let best = MAX_EDITS + 1;
  let found: string | undefined;
  let tied = false;
  for (const candidate of active) {
    if (candidate === tag) continue;
    const d = tagDistance(tag, candidate);
    if (d < best) {
      best = d;
      found = candidate;
      tied = false;
    } else if (d === best) tied = true;
  }
  return best <= MAX_EDITS && !tied ? found : undefined;
}
