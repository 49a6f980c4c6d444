import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadHex, section } from "../fixtures.js";
import { decodeBootReport, encodeWedge, type KeyPress } from "./hid-keymap.js";

/** Decodes a report sequence to text, with Enter as "\n" and Tab as "\t". */
function type(reports: Uint8Array[]): string {
  let prev: Uint8Array | undefined;
  let out = "";
  for (const r of reports) {
    const res = decodeBootReport(r, prev);
    if (!res.rollover) prev = r;
    out += res.keys.map((k: KeyPress) => (k.kind === "char" ? k.char : k.kind === "enter" ? "\n" : "\t")).join("");
  }
  return out;
}

const tag = loadHex(new URL("./fixtures/wedge-metrc-tag.hex", import.meta.url));
const badge = loadHex(new URL("./fixtures/wedge-badge.hex", import.meta.url));
const quirks = loadHex(new URL("./fixtures/wedge-quirks.hex", import.meta.url));

describe("boot keyboard decoding on recorded reports", () => {
  it("reads a METRC tag with Left Shift capitals and the Enter suffix", () => {
    expect(type(section(tag, "metrc-tag"))).toBe("1A4060300003B01000012345\n");
  });

  it("treats Right Shift like Left Shift", () => {
    expect(type(section(badge, "badge-right-shift"))).toBe("EMP-A1B2\n");
  });

  it("strips a leading report ID from 9-byte reports", () => {
    expect(type(section(badge, "badge-report-id"))).toBe("EMP-A1B2\n");
  });

  it("reads a Tab suffix", () => {
    expect(type(section(badge, "badge-tab"))).toBe("EMP-A1B2\t");
  });

  it("counts a held key once and a repeated key with key-up between twice", () => {
    expect(type(section(quirks, "held-key"))).toBe("700\n");
  });

  it("emits only keys new in a report when keys roll over", () => {
    expect(type(section(quirks, "rolling"))).toBe("ab\n");
  });

  it("ignores ErrorRollOver reports", () => {
    expect(type(section(quirks, "rollover"))).toBe("xyz\n");
    expect(decodeBootReport(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1), undefined).rollover).toBe(true);
  });

  it("maps shifted digits and symbols on the US layout", () => {
    expect(decodeBootReport(Uint8Array.of(0x02, 0, 0x1f, 0, 0, 0, 0, 0), undefined).keys).toEqual([
      { kind: "char", char: "@" },
    ]);
    expect(decodeBootReport(Uint8Array.of(0x20, 0, 0x2d, 0, 0, 0, 0, 0), undefined).keys).toEqual([
      { kind: "char", char: "_" },
    ]);
    expect(decodeBootReport(Uint8Array.of(0, 0, 0x59, 0, 0, 0, 0, 0), undefined).keys).toEqual([
      { kind: "char", char: "1" },
    ]);
  });

  it("reports keys a scanner should never send as unknown", () => {
    const r = decodeBootReport(Uint8Array.of(0, 0, 0x3a, 0, 0, 0, 0, 0), undefined);
    expect(r.keys).toEqual([]);
    expect(r.unknown).toEqual([0x3a]);
  });

  it("decodes what the simulator encodes, for any printable ASCII", () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(printable, (s) => type(encodeWedge(s)) === `${s}\n`));
  });
});
