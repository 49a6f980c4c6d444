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
