import { ascii, decodeLines, type Discard, type ScaleCodec, type ScaleCommand, type ScaleFrame } from "./codec.js";
import { weightFrame } from "./weight-frame.js";

/**
 * Ohaus print format (RS232 interface manual p.5; Navigator, Ranger 7000 §6.1, Defender 3000
 * §5.2): the weight right-justified, a space, the unit, then `?` when unstable (blank when
 * stable) and a legend (G, NET, T…). Indicators put the minus sign in its own column.
 * Ohaus scales do not answer tare or zero.
 */
const COMMANDS: Record<ScaleCommand, string | undefined> = {
  // Ohaus has no "print when stable" request; IP prints now and the driver waits for a stable line.
  "weigh-stable": "IP",
  "weigh-now": "IP",
  "stream-on": "CP",
  "stream-off": "0P",
  tare: "T",
  zero: "Z",
};

const FRAME = /^\s*(-)?\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]{1,5})\s*(\?)?\s*([A-Za-z:]*.*)?$/;
/** Display messages some models print for out-of-range (unverified against every model). */
const OVER = /^\s*-?\s*(OL|O-L|-OL-|OVER)\s*$/i;
const UNDER = /^\s*-?\s*(UL|U-L|-UL-|UNDER)\s*$/i;

export function parseOhausLine(line: string): ScaleFrame | Discard | null {
  const raw = line;
  if (/^\s*ES\s*$/.test(line)) return { type: "error", reason: "scale did not understand the command (ES)", raw };
  if (OVER.test(line)) return weightFrame("", "", { stable: false, overload: true }, raw);
  if (UNDER.test(line)) return weightFrame("", "", { stable: false, underload: true }, raw);
  const m = FRAME.exec(line);
  if (!m) return { reason: "not an Ohaus print line", raw };
  const [, minus = "", digits = "", unit = "", unstable] = m;
  return weightFrame(`${minus}${digits}`, unit, { stable: unstable === undefined }, raw);
}

export const ohausCodec: ScaleCodec = {
  protocol: "ohaus",
  answersControl: false,
  decode: (buf) => decodeLines(buf, parseOhausLine),
  encode: (cmd) => {
    const c = COMMANDS[cmd];
    return c === undefined ? undefined : ascii(`${c}\r\n`);
  },
};
