import type { GpioLine, Level } from "./port.js";

/**
 * An in-memory GPIO line: `set` changes the input level and fires watchers synchronously, like
 * an edge interrupt; `fail` makes later reads throw (a line that vanished).
 */
export class FakeGpioLine implements GpioLine {
  readonly writes: Level[] = [];
  #level: Level;
  #watchers: ((v: Level) => void)[] = [];
  #error: Error | undefined;

  constructor(initial: Level = 0) {
    this.#level = initial;
  }

  /** Drives the input to `v`; no edge when the level does not change. */
  set(v: Level): void {
    if (v === this.#level) return;
    this.#level = v;
    for (const w of this.#watchers) w(v);
  }

  fail(e: Error): void {
    this.#error = e;
  }

  async read(): Promise<Level> {
    if (this.#error) throw this.#error;
    return this.#level;
  }

  async write(v: Level): Promise<void> {
    this.writes.push(v);
    this.#level = v;
  }

  watch(cb: (v: Level) => void): void {
    this.#watchers.push(cb);
  }

  async close(): Promise<void> {
    this.#watchers = [];
  }
}
