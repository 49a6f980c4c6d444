import { readFileSync } from "node:fs";

/** One frame from a `fixtures/*.hex` file. */
export interface HexFrame {
  /** Section key: the text before ":" of the last comment-only line above the frame. */
  section: string;
  /** The `#` comment on the frame's own line, if any. */
  note: string;
  bytes: Uint8Array;
}

/**
 * Reads a recorded-frames file: one frame per line as hex bytes (spaces optional) with an optional
 * trailing `# note`; a line holding only `# key: description` starts the section `key`.
 */
export function loadHex(url: URL): HexFrame[] {
  const frames: HexFrame[] = [];
  let section = "";
  for (const line of readFileSync(url, "utf8").split("\n")) {
    const [data = "", ...comment] = line.split("#");
    const note = comment.join("#").trim();
    const digits = data.replace(/\s+/g, "");
    if (!digits) {
      if (note) section = note.split(":")[0]?.trim() ?? note;
      continue;
    }
    if (!/^([0-9a-fA-F]{2})+$/.test(digits)) throw new Error(`${url.pathname}: bad hex line ${JSON.stringify(line)}`);
    frames.push({ section, note, bytes: Uint8Array.from(Buffer.from(digits, "hex")) });
  }
  return frames;
}

/** The frames of one section, in file order. */
export function section(frames: HexFrame[], name: string): Uint8Array[] {
  const out = frames.filter((f) => f.section === name).map((f) => f.bytes);
  if (out.length === 0) throw new Error(`no fixture frames named ${name}`);
  return out;
}

/** One fixture line: hex bytes, then `# note` when given. */
export function hexLine(bytes: Uint8Array, note?: string): string {
  const hex = Buffer.from(bytes)
    .toString("hex")
    .replace(/(..)(?!$)/g, "$1 ");
  return note ? `${hex}  # ${note}` : hex;
}

/**
 * Splits a recorded byte stream into frames that end with one of `ends` (e.g. LF for line
 * protocols, ETX for SCP-01); the unfinished tail is returned separately.
 */
export function splitFrames(stream: Uint8Array, ends: number[]): { frames: Uint8Array[]; rest: Uint8Array } {
  const frames: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < stream.length; i++) {
    if (ends.includes(stream[i]!)) {
      frames.push(stream.slice(start, i + 1));
      start = i + 1;
    }
  }
  return { frames, rest: stream.slice(start) };
}
