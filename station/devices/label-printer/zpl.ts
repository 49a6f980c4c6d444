/**
 * A small ZPL II writer (ZPL II Programming Guide: ^XA/^XZ, ^FO, ^A0, ^FB, ^GB, ^GD, ^BC, ^BX).
 * Coordinates are given in 203 dpi dots and scaled to the printer's resolution, so one layout
 * serves 8 and 12 dots/mm heads.
 */

/** Dots per millimetre of a print head: 8 (203 dpi) or 12 (300 dpi). */
export type Dpmm = 8 | 12;

/**
 * Escapes field data for ^FH: "^" and "~" would start commands inside ^FD, and "_" is the
 * ^FH escape character itself, so all three go out as _XX hex.
 */
export function fieldData(text: string): string {
  return text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/[\r\n]+/g, " ");
}

/** Builds one label format. */
export class ZplLabel {
  readonly #parts: string[] = [];
  readonly #k: number;

  /**
   * @param widthDots label width in 203 dpi dots
   * @param lengthDots label length in 203 dpi dots
   */
  constructor(
    private readonly widthDots: number,
    private readonly lengthDots: number,
    private readonly dpmm: Dpmm = 8,
  ) {
    this.#k = dpmm / 8;
  }

  #d(n: number): number {
    return Math.round(n * this.#k);
  }

  /** A line of text; `h` is the font height in 203 dpi dots. */
  text(x: number, y: number, h: number, text: string, opts: { w?: number; reverse?: boolean } = {}): this {
    const w = opts.w ?? h;
    this.#parts.push(
      `^FO${this.#d(x)},${this.#d(y)}^A0N,${this.#d(h)},${this.#d(w)}${opts.reverse ? "^FR" : ""}^FH^FD${fieldData(text)}^FS`,
    );
    return this;
  }

  /** Wrapped text in a block `width` dots wide, at most `lines` lines. */
  block(x: number, y: number, h: number, width: number, lines: number, text: string): this {
    this.#parts.push(
      `^FO${this.#d(x)},${this.#d(y)}^A0N,${this.#d(h)},${this.#d(h)}^FB${this.#d(width)},${lines},0,L,0^FH^FD${fieldData(text)}^FS`,
    );
    return this;
  }

  /** A rectangle; a thickness of half the smaller side or more fills it black. */
  box(x: number, y: number, w: number, h: number, thickness: number): this {
    this.#parts.push(`^FO${this.#d(x)},${this.#d(y)}^GB${this.#d(w)},${this.#d(h)},${this.#d(thickness)}^FS`);
    return this;
  }

  /** A diagonal line: "R" rises to the right, "L" falls to the right. */
  diagonal(x: number, y: number, w: number, h: number, thickness: number, lean: "R" | "L"): this {
    this.#parts.push(`^FO${this.#d(x)},${this.#d(y)}^GD${this.#d(w)},${this.#d(h)},${this.#d(thickness)},B,${lean}^FS`);
    return this;
  }

  /** Code 128 with the human-readable line below; `module` is the narrow bar in dots. */
  code128(x: number, y: number, height: number, data: string, module = 2): this {
    this.#parts.push(
      `^FO${this.#d(x)},${this.#d(y)}^BY${this.#d(module)}^BCN,${this.#d(height)},Y,N,N^FH^FD${fieldData(data)}^FS`,
    );
    return this;
  }

  /** DataMatrix ECC 200; `module` is the cell size in dots. */
  dataMatrix(x: number, y: number, module: number, data: string): this {
    this.#parts.push(`^FO${this.#d(x)},${this.#d(y)}^BXN,${this.#d(module)},200^FH^FD${fieldData(data)}^FS`);
    return this;
  }

  /** Inserts pre-built ZPL (e.g. a ^GF graphic) at a position. */
  raw(x: number, y: number, zpl: string): this {
    this.#parts.push(`^FO${this.#d(x)},${this.#d(y)}${zpl}^FS`);
    return this;
  }

  /** The whole format: UTF-8 (^CI28), width, length, one copy. */
  toString(copies = 1): string {
    const head = `^XA^CI28^PW${this.#d(this.widthDots)}^LL${this.#d(this.lengthDots)}^LH0,0`;
    return `${head}\n${this.#parts.join("\n")}\n^PQ${copies}^XZ\n`;
  }

  /** Label size in millimetres, for previews. */
  get sizeMm(): { widthMm: number; heightMm: number; dpmm: Dpmm } {
    return { widthMm: this.widthDots / 8, heightMm: this.lengthDots / 8, dpmm: this.dpmm };
  }
}
