import { describe, expect, it } from "vitest";
import { loadHex, section } from "../fixtures.js";
import { decodePosReport, encodePos, PosAssembler } from "./hid-pos.js";

const pos = loadHex(new URL("./fixtures/pos-gs1.hex", import.meta.url));

describe("HID POS reports", () => {
  it("concatenates reports until the more-data flag clears", () => {
    const a = new PosAssembler();
    const [first, second] = section(pos, "gs1-two-reports");
    expect(a.feed(first!)).toEqual({});
    expect(a.pending).toBe(true);
    expect(a.feed(second!)).toEqual({
      code: "(01)00850001234561(10)BD-2411-07(21)SERIALNUMBER0000000012345678",
      aim: "]d2",
    });
  });

  it("reads the AIM symbology identifier and strips the CR suffix", () => {
    const [r] = section(pos, "tag-with-cr");
    expect(decodePosReport(r!)).toMatchObject({ ok: true, aim: "]C0", more: false });
    expect(new PosAssembler().feed(r!)).toEqual({ code: "1A4060300003B01000012345", aim: "]C0" });
  });

  it("rejects a truncated report and forgets the partial code", () => {
    const a = new PosAssembler();
    a.feed(section(pos, "gs1-two-reports")[0]!);
    expect(a.feed(section(pos, "truncated")[0]!).error).toMatch(/14 bytes/);
    expect(a.pending).toBe(false);
  });

  it("rejects a length over 56 bytes", () => {
    expect(decodePosReport(section(pos, "bad-length")[0]!)).toEqual({
      ok: false,
      reason: expect.stringMatching(/exceeds 56/),
    });
  });

  it("accepts a report whose ID was stripped (63 bytes)", () => {
    const [r] = encodePos("EMP-A1B2");
    expect(new PosAssembler().feed(r!.subarray(1))).toEqual({ code: "EMP-A1B2", aim: "]C0" });
  });
});
