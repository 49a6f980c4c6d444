import type { Clock } from "#station/clock.js";
import { decodeBootReport, type KeyPress } from "./hid-keymap.js";

/** How a wedge scanner marks the end of a code. */
export type WedgeSuffix = "enter" | "tab" | "enter-or-tab" | "none";

export interface WedgeOptions {
  /** Configured suffix; with "none" the inter-character timeout ends a code. */
  suffix: WedgeSuffix;
  /** Longest gap between characters of one code, ms. A longer gap ends (or drops) the code. */
  interCharTimeoutMs: number;
  /** Codes shorter than this are dropped as stray keystrokes. */
  minLength: number;
  /** The same code again within this many ms is a double fire and dropped; 0 disables. */
  blankingMs: number;
  /** The scanner sends the AIM symbology identifier (e.g. "]C1") before each code. */
  aimPrefix?: boolean;
}

export const defaultWedgeOptions: WedgeOptions = {
  suffix: "enter-or-tab",
  interCharTimeoutMs: 100,
  minLength: 3,
  blankingMs: 500,
};

export interface WedgeSink {
  /** A whole code; `aim` is its AIM symbology identifier when the scanner sends one. */
  code(code: string, aim?: string): void;
  discard(reason: string, raw: string): void;
}

/**
 * Turns a stream of boot keyboard reports into whole codes.
 *
 * ```
 * report ─▶ decodeBootReport (vs previous) ─▶ keys ─▶ buffer ─▶ terminator? ─▶ length/blanking ─▶ code
 *                                                      └─ gap > interCharTimeoutMs ─▶ flush or drop
 * ```
 */
export class WedgeDecoder {
  #previous: Uint8Array | undefined;
  #buffer = "";
  #lastCharAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #lastCode: { code: string; at: number } | undefined;

  constructor(private readonly deps: { options: WedgeOptions; clock: Clock; sink: WedgeSink }) {}

  /** Feeds one raw input report (8 bytes, or 9 with a report ID). */
  feed(report: Uint8Array): void {
    if (report.length !== 8 && report.length !== 9) {
      this.deps.sink.discard(
        `report of ${report.length} bytes is not a boot keyboard report`,
        Buffer.from(report).toString("hex"),
      );
      return;
    }
    const result = decodeBootReport(report, this.#previous);
    if (result.rollover) return;
    this.#previous = Uint8Array.from(report);
    for (const key of result.keys) this.#key(key);
  }

  /** Drops any partial code and timers (on unplug or close). */
  reset(): void {
    this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer) this.deps.sink.discard("scanner went away in the middle of a code", this.#buffer);
    this.#buffer = "";
    this.#previous = undefined;
  }

  #key(key: KeyPress): void {
    const now = this.deps.clock.now();
    if (this.#buffer && now - this.#lastCharAt > this.deps.options.interCharTimeoutMs) this.#timeout();
    if (key.kind === "char") {
      this.#buffer += key.char;
      this.#lastCharAt = now;
      this.#arm();
      return;
    }
    if (this.#isTerminator(key.kind)) return this.#finish(this.#buffer);
    this.#buffer += "\t";
    this.#lastCharAt = now;
    this.#arm();
  }

  #isTerminator(kind: "enter" | "tab"): boolean {
    const s = this.deps.options.suffix;
    return s === "enter-or-tab" || s === kind || s === "none";
  }

  #arm(): void {
    this.deps.clock.clearTimeout(this.#timer);
    this.#timer = this.deps.clock.setTimeout(() => this.#timeout(), this.deps.options.interCharTimeoutMs + 1);
  }

  #timeout(): void {
    this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#buffer) return;
    if (this.deps.options.suffix === "none") return this.#finish(this.#buffer);
    const partial = this.#buffer;
    this.#buffer = "";
    this.deps.sink.discard(
      `no terminator within ${this.deps.options.interCharTimeoutMs} ms: partial code dropped`,
      partial,
    );
  }

  #finish(typed: string): void {
    this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#buffer = "";
    // AIM identifiers are "]" + symbology letter + modifier (ISO/IEC 15424), e.g. "]C1" GS1-128.
    const aim = this.deps.options.aimPrefix && /^\][A-Za-z][0-9A-Za-z]/.test(typed) ? typed.slice(0, 3) : undefined;
    const text = aim ? typed.slice(3) : typed;
    const { minLength, blankingMs } = this.deps.options;
    if (text.length === 0) return;
    if (text.length < minLength) return this.deps.sink.discard(`shorter than ${minLength} characters`, text);
    const now = this.deps.clock.now();
    const last = this.#lastCode;
    if (blankingMs > 0 && last && last.code === text && now - last.at < blankingMs) {
      return this.deps.sink.discard(`same code again within ${blankingMs} ms: double fire dropped`, text);
    }
    this.#lastCode = { code: text, at: now };
    this.deps.sink.code(text, aim);
  }
}
