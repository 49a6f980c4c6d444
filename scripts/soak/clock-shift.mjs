/**
 * Preloaded into a soak child (NODE_OPTIONS=--import=…/clock-shift.mjs) to step its wall clock
 * the way NTP steps a Raspberry Pi's clock (no RTC: it boots on a saved time, then jumps).
 * On SIGUSR2 it reads an offset in ms from SOAK_CLOCK_FILE and applies it to Date.now() and
 * `new Date()`; timers and performance.now() keep running on the monotonic clock, as they do
 * under a real step. Plain JavaScript: it loads before tsx.
 */
import { readFileSync } from "node:fs";

const file = process.env.SOAK_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  let offset = 0;
  const read = () => {
    try {
      const v = Number(readFileSync(file, "utf8").trim());
      offset = Number.isFinite(v) ? v : 0;
    } catch {
      offset = 0;
    }
  };
  read();
  // A function, not a class: `Date()` called without `new` must still answer a string.
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    return args.length === 0 ? new RealDate(RealDate.now() + offset) : new RealDate(...args);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = () => RealDate.now() + offset;
  globalThis.Date = ShiftedDate;
  process.on("SIGUSR2", read);
}
