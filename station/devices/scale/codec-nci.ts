import {
  ascii,
  clipped,
  type Decoded,
  type Discard,
  printable,
  type ScaleCodec,
  type ScaleCommand,
  type ScaleFrame,
} from "./codec.js";
import { weightFrame } from "./weight-frame.js";

/**
 * NCI / Brecknell / Avery Weigh-Tronix SCP-01 (AWT 7821 §6.3, Brecknell 3700LP p.11):
 * `W<CR>` answers `<LF>xxxx.xxuu<CR><LF>hh<CR><ETX>`, `S<CR>` answers `<LF>hh<CR><ETX>`, a bad
 * command `<LF>?<CR><ETX>`. Frames end on ETX (0x03). Status bytes have bits 4 and 5 set, so
 * they are printable 0x30-0x3F; byte 1 bit 0 = motion, byte 2 bit 0 = under, bit 1 = over
 * capacity, bits 2-3 and byte 1 bits 2-3 are hardware faults.
 */
const COMMANDS: Record<ScaleCommand, string | undefined> = {
  "weigh-stable": "W",
  "weigh-now": "W",
  // SCP-01 has no continuous output: the driver polls.
  "stream-on": undefined,
  "stream-off": undefined,
  tare: "T",
  zero: "Z",
};
const ETX = 0x03;
const MAX_FRAME = 64;

interface NciStatus {
  motion: boolean;
  under: boolean;
  over: boolean;
  fault?: string;
}

/** Decodes SCP-01 status bytes, or undefined when they are not status bytes. */
export function parseNciStatus(s: string): NciStatus | undefined {
  if (s.length < 2 || s.length > 3) return undefined;
  const b = [...s].map((c) => c.charCodeAt(0) & 0x7f);
  if (b.some((x) => (x & 0x30) !== 0x30)) return undefined;
  const [b1 = 0, b2 = 0, b3 = 0] = b;
  const faults = [
    [b1 & 0x04, "RAM error"],
    [b1 & 0x08, "EEPROM error"],
    [b2 & 0x04, "ROM error"],
    [b2 & 0x08, "faulty calibration"],
    [b3 & 0x08, "initial zero error"],
  ]
    .filter(([bit]) => bit)
    .map(([, name]) => name as string);
  return {
    motion: (b1 & 0x01) !== 0,
    under: (b2 & 0x01) !== 0,
    over: (b2 & 0x02) !== 0,
    fault: faults.join(", ") || undefined,
  };
}

export function parseNciFrame(body: string, raw: string): ScaleFrame | Discard {
  const parts = body.split(/[\r\n]+/).filter((p) => p !== "");
  if (parts.length === 1 && parts[0] === "?")
    return { type: "error", reason: "scale did not understand the command (?)", raw };
  const statusText = parts.at(-1) ?? "";
  const status = parseNciStatus(statusText);
  if (!status) return { reason: "SCP-01 frame without valid status bytes", raw };
  if (status.fault) return { type: "error", reason: `scale fault: ${status.fault}`, raw };
  if (parts.length === 1) return { type: "ack", command: "any", raw };
  const m = /^\s*(-?)\s*([0-9.]+)\s*([A-Za-z]{1,2})\s*$/.exec(parts[0] ?? "");
  const flags = { stable: !status.motion, overload: status.over, underload: status.under };
  if (!m) {
    if (status.over || status.under) return weightFrame("", "", flags, raw);
    return { reason: "SCP-01 weight field unreadable", raw };
  }
  return weightFrame(`${m[1]}${m[2]}`, m[3] ?? "", flags, raw);
}

function decodeNci(buf: Uint8Array): Decoded {
  const frames: ScaleFrame[] = [];
  const discarded: Discard[] = [];
  let start = 0;
  for (let i = buf.indexOf(ETX); i !== -1; i = buf.indexOf(ETX, start)) {
    const chunk = buf.subarray(start, i);
    start = i + 1;
    const { body, noise } = splitNoise(chunk);
    if (noise.length > 0) discarded.push({ reason: "bytes before the frame start", raw: printable(noise) });
    if (body.length > MAX_FRAME) {
      discarded.push({ reason: `SCP-01 frame longer than ${MAX_FRAME} bytes`, raw: clipped(body) });
      continue;
    }
    const raw = `${printable(body)}\\x03`;
    const out = parseNciFrame(Buffer.from(body).toString("latin1"), raw);
    if ("type" in out) frames.push(out);
    else discarded.push(out);
  }
  let rest = buf.subarray(start);
  if (rest.length > MAX_FRAME) {
    discarded.push({ reason: `no ETX within ${MAX_FRAME} bytes`, raw: printable(rest) });
    rest = new Uint8Array(0);
  }
  return { frames, rest: Uint8Array.from(rest), discarded };
}

/**
 * A frame is at most `<LF>weight<CR><LF>status<CR>` before ETX. Anything earlier (a half frame
 * cut off by a reset, line noise) is split off so the whole frame after it still counts.
 */
function splitNoise(chunk: Uint8Array): { body: Uint8Array; noise: Uint8Array } {
  let from = 0;
  for (let j = chunk.length - 1; j >= 0; j--) {
    const b = chunk[j]!;
    if (b !== 0x0a && b !== 0x0d && (b < 0x20 || b > 0x7e)) {
      from = j + 1;
      break;
    }
  }
  const lfs: number[] = [];
  for (let j = from; j < chunk.length; j++) if (chunk[j] === 0x0a) lfs.push(j);
  // Keep the last two LF-started lines (weight + status), or the one line of a status reply.
  const keepFrom = lfs.length >= 2 ? lfs[lfs.length - 2]! : (lfs[0] ?? from);
  return { body: chunk.subarray(keepFrom), noise: chunk.subarray(0, keepFrom) };
}

export const nciCodec: ScaleCodec = {
  protocol: "nci",
  answersControl: true,
  decode: decodeNci,
  encode: (cmd) => {
    const c = COMMANDS[cmd];
    return c === undefined ? undefined : ascii(`${c}\r`);
  },
};
