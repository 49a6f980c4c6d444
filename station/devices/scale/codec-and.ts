import { ascii, decodeLines, type Discard, type ScaleCodec, type ScaleCommand, type ScaleFrame } from "./codec.js";
import { weightFrame } from "./weight-frame.js";

/**
 * A&D "standard format" (FX-i §15-2, GX p.46, HC-3Ki p.47): `ST,+00012.34  g` CR LF — header
 * ST stable, US unstable, OL out of range, QT counting; an optional LO/OK/HI comparator header;
 * sign and zero-padded digits; a 3-character unit. Control commands answer ACK (0x06) when "AK"
 * is on; errors come as `EC,Exx`.
 */
const COMMANDS: Record<ScaleCommand, string> = {
  "weigh-stable": "S",
  "weigh-now": "Q",
  "stream-on": "SIR",
  "stream-off": "C",
  tare: "T",
  zero: "Z",
};

const ERROR_CODES: Record<string, string> = {
  E00: "communication error",
  E01: "undefined command",
  E02: "scale not ready",
  E04: "too many characters",
  E06: "format error",
  E07: "parameter out of range",
};

const FRAME = /^(ST|US|OL|QT),(?:(?:LO|OK|HI),)?([+-])\s*([0-9.]+)\s*(\S*)\s*$/;

export function parseAndLine(line: string): ScaleFrame | Discard | null {
  const raw = line;
  const ec = /^EC,(E\d\d)\s*$/.exec(line);
  if (ec) return { type: "error", reason: `scale error ${ec[1]}: ${ERROR_CODES[ec[1]!] ?? "unknown"}`, raw };
  const m = FRAME.exec(line);
  if (!m) return { reason: "not an A&D standard-format frame", raw };
  const [, header, sign, digits = "", unit = ""] = m;
  if (header === "QT") return { reason: "scale is in counting mode (QT); set it to a weight unit", raw };
  if (header === "OL")
    return weightFrame("", unit, { stable: false, overload: sign === "+", underload: sign === "-" }, raw);
  return weightFrame(`${sign}${digits}`, unit, { stable: header === "ST" }, raw);
}

export const andCodec: ScaleCodec = {
  protocol: "and",
  answersControl: true,
  decode: (buf) => decodeLines(buf, parseAndLine),
  encode: (cmd) => ascii(`${COMMANDS[cmd]}\r\n`),
};
