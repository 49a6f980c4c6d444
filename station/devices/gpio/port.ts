/** Logic level of a GPIO line. */
export type Level = 0 | 1;

/** One GPIO line; the only GPIO surface the door driver uses. */
export interface GpioLine {
  read(): Promise<Level>;
  write(v: Level): Promise<void>;
  /** Calls back on every edge with the new level. */
  watch(cb: (v: Level) => void): void;
  close(): Promise<void>;
}
