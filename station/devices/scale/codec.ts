import type { ScaleUnit } from "./units.js";

/** Serial protocol families the station speaks. */
export const scaleProtocols = ["mt-sics", "and", "ohaus", "nci"] as const;
export type ScaleProtocol = (typeof scaleProtocols)[number];

/** A weight as the scale sent it, converted to grams. */
export interface WeightFrame {
  type: "weight";
  /** Grams, or null when out of range or in a unit that is not a weight. */
  grams: number | null;
  stable: boolean;
  overload: boolean;
  underload: boolean;
  unit: ScaleUnit | null;
  /** The frame as text (control characters escaped). */
  raw: string;
}

/** The scale accepted a command (tare, zero) or sent information. */
export interface AckFrame {
  type: "ack";
  command: "tare" | "zero" | "any" | "info";
  raw: string;
}

/** The scale refused a command or reported a fault. */
export interface ErrorFrame {
  type: "error";
  reason: string;
  raw: string;
}

export type ScaleFrame = WeightFrame | AckFrame | ErrorFrame;

export interface Discard {
  reason: string;
  raw: string;
}

/** Result of decoding a buffer: whole frames, the unfinished tail, and what was thrown away. */
export interface Decoded {
  frames: ScaleFrame[];
  rest: Uint8Array;
  discarded: Discard[];
}

/** What the driver asks of a scale, in domain terms. */
export type ScaleCommand = "weigh-stable" | "weigh-now" | "stream-on" | "stream-off" | "tare" | "zero";

/** A family's pure byte codec: never throws on noise, never does I/O. */
export interface ScaleCodec {
  readonly protocol: ScaleProtocol;
  decode(buf: Uint8Array): Decoded;
  /** The bytes for a command, or undefined when the family has none. */
  encode(cmd: ScaleCommand): Uint8Array | undefined;
  /** True when tare and zero are answered (so the driver waits for the answer). */
  readonly answersControl: boolean;
}

/** Longest line any family sends; longer unterminated input is noise. */
export const MAX_LINE = 96;

/** Shows a frame with control characters escaped, for logs and the audit trail. */
export function printable(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) {
    if (b === 0x0d) s += "\\r";
    else if (b === 0x0a) s += "\\n";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return s;
}

/**
 * Splits CR/LF-terminated text lines (MT-SICS, A&D, Ohaus). A lone ACK (0x06) is its own line,
 * as A&D sends it. Lines with bytes outside printable ASCII are discarded, not parsed.
 */
export function decodeLines(buf: Uint8Array, parse: (line: string) => ScaleFrame | Discard | null): Decoded {
  const frames: ScaleFrame[] = [];
  const discarded: Discard[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== 0x0d && b !== 0x0a && b !== 0x06) continue;
    const line = buf.subarray(start, b === 0x06 ? i + 1 : i);
    start = i + 1;
    if (line.length === 0) continue;
    take(line, parse, frames, discarded);
  }
  let rest = buf.subarray(start);
  if (rest.length > MAX_LINE) {
    discarded.push({ reason: `no line end within ${MAX_LINE} bytes`, raw: printable(rest) });
    rest = new Uint8Array(0);
  }
  return { frames, rest: Uint8Array.from(rest), discarded };
}

function take(
  line: Uint8Array,
  parse: (line: string) => ScaleFrame | Discard | null,
  frames: ScaleFrame[],
  discarded: Discard[],
): void {
  if (line.length === 1 && line[0] === 0x06) {
    frames.push({ type: "ack", command: "any", raw: "\\x06" });
    return;
  }
  // A line past the longest any family sends is noise; parsing it would let a regex backtrack
  // over a whole 64 KB read (an Ohaus frame match took 10 s on 100,000 spaces).
  if (line.length > MAX_LINE) {
    discarded.push({ reason: `line longer than ${MAX_LINE} bytes`, raw: clipped(line) });
    return;
  }
  if (line.some((b) => b < 0x20 || b > 0x7e)) {
    discarded.push({ reason: "non-text bytes in a line", raw: printable(line) });
    return;
  }
  const text = Buffer.from(line).toString("latin1");
  if (text.trim() === "") return;
  const out = parse(text);
  if (out === null) return;
  if ("type" in out) frames.push(out);
  else discarded.push(out);
}

/** The first MAX_LINE bytes of an overlong line, for the log. */
export function clipped(bytes: Uint8Array): string {
  return bytes.length > MAX_LINE
    ? `${printable(bytes.subarray(0, MAX_LINE))}… (${bytes.length} bytes)`
    : printable(bytes);
}

/** Joins a previous tail with new bytes. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** ASCII bytes for a command string. */
export function ascii(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, "latin1"));
}
