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
const FAR = MAX_EDITS + 1;

/**
 * A site's active tags sorted, with how many leading characters each shares with the one before.
 * A search walks them in order as a trie: the edit rows of a shared prefix (a licence's tags share
 * their first twenty or so characters) are computed once and reused by every tag under it, and a
 * prefix already more than MAX_EDITS from the unknown tag rules out every tag under it at once.
 * Built once per site per run; each unknown tag then visits a few hundred rows, not ten thousand tags.
 */
class NearTags {
  private readonly tags: string[];
  private readonly shared: Int32Array;
  private readonly rows: Int32Array;

  constructor(active: readonly string[]) {
    this.tags = [...active].sort();
    this.shared = new Int32Array(this.tags.length);
    let longest = 0;
    for (let i = 0; i < this.tags.length; i++) {
      const t = this.tags[i]!;
      if (t.length > longest) longest = t.length;
      if (i > 0) this.shared[i] = commonPrefix(this.tags[i - 1]!, t);
    }
    this.rows = new Int32Array((longest + 1) * BAND);
  }

  /** The one active tag nearest to `tag` within MAX_EDITS, or undefined when none or several are. */
  likelyIntended(tag: string): string | undefined {
    const { tags, shared } = this;
    this.firstRow(tag);
    let best = FAR;
    let found: string | undefined;
    let tied = false;
    let valid = 0;
    for (let k = 0; k < tags.length; k++) {
      const candidate = tags[k]!;
      const from = Math.min(shared[k]!, valid);
      const stop = this.extend(candidate, tag, from);
      valid = stop;
      if (stop < candidate.length) {
        while (k + 1 < tags.length && shared[k + 1]! >= stop) k++;
        continue;
      }
      if (candidate === tag) continue;
      const o = tag.length - candidate.length + MAX_EDITS;
      const d = o < 0 || o >= BAND ? FAR : this.rows[candidate.length * BAND + o]!;
      if (d < best) {
        best = d;
        found = candidate;
        tied = false;
      } else if (d === best) tied = true;
    }
    return best <= MAX_EDITS && !tied ? found : undefined;
  }

  private firstRow(tag: string): void {
    for (let o = 0; o < BAND; o++) {
      const j = o - MAX_EDITS;
      this.rows[o] = j < 0 || j > tag.length ? FAR : j;
    }
  }

  /**
   * Edit rows for `candidate`'s characters from + 1 onwards against `tag` (change, insert, delete,
   * swap of neighbours; cell `o` of row `i` is column i + o − MAX_EDITS). Returns the last row
   * computed: the candidate's length, or the first row past MAX_EDITS everywhere.
   */
  private extend(candidate: string, tag: string, from: number): number {
    const rows = this.rows;
    for (let i = from + 1; i <= candidate.length; i++) {
      const ci = candidate.charCodeAt(i - 1);
      const row = i * BAND;
      const prev = row - BAND;
      const before = prev - BAND;
      let best = FAR;
      for (let o = 0; o < BAND; o++) {
        const j = i + o - MAX_EDITS;
        let d = FAR;
        if (j === 0) d = i <= MAX_EDITS ? i : FAR;
        else if (j > 0 && j <= tag.length) {
          const tj = tag.charCodeAt(j - 1);
          d = rows[prev + o]! + (ci === tj ? 0 : 1);
          if (o + 1 < BAND && rows[prev + o + 1]! + 1 < d) d = rows[prev + o + 1]! + 1;
          if (o > 0 && rows[row + o - 1]! + 1 < d) d = rows[row + o - 1]! + 1;
          if (i > 1 && j > 1 && ci === tag.charCodeAt(j - 2) && candidate.charCodeAt(i - 2) === tj)
            if (rows[before + o]! + 1 < d) d = rows[before + o]! + 1;
          if (d > FAR) d = FAR;
        }
        rows[row + o] = d;
        if (d < best) best = d;
      }
      if (best > MAX_EDITS) return i;
    }
    return candidate.length;
  }
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const indexes = new WeakMap<readonly string[], NearTags>();

/**
 * The likely intended package of `tag` among `active`: the one package nearest to it, when it is
 * one or two edits away and no other package is as near. Tags are issued in sequence, so a
 * mistyped tag is often two edits from several neighbours but one edit from only the one meant.
 * The index of `active` is built on first use and kept with that list, so a site's run builds it
 * once for all its unknown tags.
 */
export function likelyIntended(tag: string, active: readonly string[]): string | undefined {
  let index = indexes.get(active);
  if (!index) indexes.set(active, (index = new NearTags(active)));
  return index.likelyIntended(tag);
}
