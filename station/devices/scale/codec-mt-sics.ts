import {
  ascii,
  decodeLines,
  type Decoded,
  type Discard,
  type ScaleCodec,
  type ScaleCommand,
  type ScaleFrame,
} from "./codec.js";
import { weightFrame } from "./weight-frame.js";

/**
 * Mettler Toledo MT-SICS level 0/1: uppercase commands ending CR LF; replies
 * `<ID> <status> <value> <unit>` (MT-SICS reference: S, SI, SIR, T, Z). Status S = stable,
 * D = dynamic, I = busy, + / - = over / under range; ES, ET, EL are syntax, transmission and
 * logical errors.
 */
const COMMANDS: Record<ScaleCommand, string> = {
  "weigh-stable": "S",
  "weigh-now": "SI",
  "stream-on": "SIR",
  // "@" (reset) is the MT-SICS way to cancel a repeating SIR.
  "stream-off": "@",
  tare: "T",
  zero: "Z",
};

/** A Map, not an object: a reply starting "constructor" must not find Object's own properties. */
const GENERAL_ERRORS = new Map<string, string>([
  ["ES", "scale did not understand the command (ES)"],
  ["ET", "scale reported a transmission error (ET)"],
  ["EL", "scale could not execute the command (EL)"],
]);

export function parseMtSicsLine(line: string): ScaleFrame | Discard | null {
  const raw = line;
  const [id = "", status = "", ...rest] = line.trim().split(/\s+/);
  const general = GENERAL_ERRORS.get(id);
  if (general) return { type: "error", reason: general, raw };
  if (id === "S" || id === "SI" || id === "SIR") return weightReply(status, rest, raw);
  if (id === "T" || id === "TA" || id === "TI") {
    if (status === "S" || status === "D") return { type: "ack", command: "tare", raw };
    return { type: "error", reason: controlError("tare", status), raw };
  }
  if (id === "Z" || id === "ZI") {
    if (status === "A" || status === "D") return { type: "ack", command: "zero", raw };
    return { type: "error", reason: controlError("zero", status), raw };
  }
  if (id === "@" || /^I\d+$/.test(id)) return { type: "ack", command: "info", raw };
  return { reason: "not an MT-SICS reply", raw };
}

function weightReply(status: string, rest: string[], raw: string): ScaleFrame | Discard {
  if (status === "I") return { type: "error", reason: "scale busy or not stable in time (S I)", raw };
  if (status === "+") return weightFrame("", rest[1] ?? "", { stable: false, overload: true }, raw);
  if (status === "-") return weightFrame("", rest[1] ?? "", { stable: false, underload: true }, raw);
  if (status !== "S" && status !== "D") return { reason: `unknown weight status "${status}"`, raw };
  const [value = "", unit = ""] = rest;
  return weightFrame(value, unit, { stable: status === "S" }, raw);
}

function controlError(what: string, status: string): string {
  if (status === "I") return `${what} not done: scale busy or not stable`;
  if (status === "+") return `${what} not done: upper limit exceeded`;
  if (status === "-") return `${what} not done: lower limit exceeded`;
  return `${what} not done (status ${status || "missing"})`;
}

export const mtSicsCodec: ScaleCodec = {
  protocol: "mt-sics",
  answersControl: true,
  decode: (buf: Uint8Array): Decoded => decodeLines(buf, parseMtSicsLine),
  encode: (cmd) => ascii(`${COMMANDS[cmd]}\r\n`),
};
