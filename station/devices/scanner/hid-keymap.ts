/**
 * Pure decoding of USB HID boot keyboard reports (keyboard-wedge scanners), US layout.
 *
 * A report is `[modifiers, reserved, key1..key6]` (HID 1.11 appendix B.1); a report-ID byte may
 * precede it, making 9 bytes. Each character is a key-down report, normally followed by an
 * all-zero key-up report, so a key counts only when it was absent from the previous report —
 * that is how "00" comes through as two characters and a held key as one.
 */

/** A key press decoded from a report. */
export type KeyPress = { kind: "char"; char: string } | { kind: "enter" } | { kind: "tab" };

export interface BootReportResult {
  keys: KeyPress[];
  /** The report was ErrorRollOver (every slot 0x01) and was ignored. */
  rollover: boolean;
  /** Key codes with no meaning for a scanner (e.g. F-keys), dropped. */
  unknown: number[];
}

/** Left Shift (bit 1) and Right Shift (bit 5) of the modifier byte. */
const SHIFT_MASK = 0x02 | 0x20;
const ERROR_ROLL_OVER = 0x01;
const ENTER = 0x28;
const KEYPAD_ENTER = 0x58;
const TAB = 0x2b;

const SYMBOLS: Record<number, [string, string]> = {
  0x2c: [" ", " "],
  0x2d: ["-", "_"],
  0x2e: ["=", "+"],
  0x2f: ["[", "{"],
  0x30: ["]", "}"],
  0x31: ["\\", "|"],
  0x33: [";", ":"],
  0x34: ["'", '"'],
  0x35: ["`", "~"],
  0x36: [",", "<"],
  0x37: [".", ">"],
  0x38: ["/", "?"],
};
const SHIFTED_DIGITS = "!@#$%^&*()";
const KEYPAD: Record<number, string> = {
  0x54: "/",
  0x55: "*",
  0x56: "-",
  0x57: "+",
  0x62: "0",
  0x63: ".",
};

/** The character for a usage ID on keyboard page 0x07, or undefined. */
export function charFor(usage: number, shift: boolean): string | undefined {
  if (usage >= 0x04 && usage <= 0x1d) {
    const c = String.fromCharCode(0x61 + usage - 0x04);
    return shift ? c.toUpperCase() : c;
  }
  if (usage >= 0x1e && usage <= 0x27) {
    const i = usage - 0x1e;
    return shift ? SHIFTED_DIGITS[i] : String((i + 1) % 10);
  }
  if (usage >= 0x59 && usage <= 0x61) return String(usage - 0x58);
  const sym = SYMBOLS[usage];
  if (sym) return shift ? sym[1] : sym[0];
  return KEYPAD[usage];
}

/** Strips a leading report ID from a 9-byte report. */
export function bootKeys(report: Uint8Array): { modifiers: number; keys: number[] } {
  const r = report.length === 9 ? report.subarray(1) : report;
  return { modifiers: r[0] ?? 0, keys: Array.from(r.subarray(2, 8)) };
}

/**
 * Decodes one boot keyboard report against the previous one.
 * @param previous the last report that was not ErrorRollOver, or undefined at start.
 */
export function decodeBootReport(report: Uint8Array, previous: Uint8Array | undefined): BootReportResult {
  const { modifiers, keys } = bootKeys(report);
  if (keys.every((k) => k === ERROR_ROLL_OVER)) return { keys: [], rollover: true, unknown: [] };
  const before = new Set(previous ? bootKeys(previous).keys : []);
  const shift = (modifiers & SHIFT_MASK) !== 0;
  const out: KeyPress[] = [];
  const unknown: number[] = [];
  for (const k of keys) {
    if (k === 0 || before.has(k)) continue;
    if (k === ENTER || k === KEYPAD_ENTER) out.push({ kind: "enter" });
    else if (k === TAB) out.push({ kind: "tab" });
    else {
      const char = charFor(k, shift);
      if (char === undefined) unknown.push(k);
      else out.push({ kind: "char", char });
    }
  }
  return { keys: out, rollover: false, unknown };
}

const REVERSE = buildReverse();

function buildReverse(): Map<string, { usage: number; shift: boolean }> {
  const m = new Map<string, { usage: number; shift: boolean }>();
  for (let u = 0x04; u <= 0x38; u++) {
    for (const shift of [false, true]) {
      const c = charFor(u, shift);
      if (c !== undefined && !m.has(c)) m.set(c, { usage: u, shift });
    }
  }
  return m;
}

/**
 * Encodes text as the boot keyboard reports a wedge scanner sends (key-down then key-up per
 * character, Left Shift for capitals), ending with the given suffix. Used by the simulator.
 */
export function encodeWedge(text: string, suffix: "enter" | "tab" | "none" = "enter"): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const c of text) {
    const k = REVERSE.get(c);
    if (!k) throw new RangeError(`character ${JSON.stringify(c)} has no US keyboard key`);
    reports.push(Uint8Array.of(k.shift ? 0x02 : 0, 0, k.usage, 0, 0, 0, 0, 0), new Uint8Array(8));
  }
  if (suffix !== "none")
    reports.push(Uint8Array.of(0, 0, suffix === "enter" ? ENTER : TAB, 0, 0, 0, 0, 0), new Uint8Array(8));
  return reports;
}
