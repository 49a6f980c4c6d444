import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import { loadHex, section } from "../fixtures.js";
import { encodeWedge } from "./hid-keymap.js";
import { defaultWedgeOptions, WedgeDecoder, type WedgeOptions } from "./wedge-decoder.js";

const quirks = loadHex(new URL("./fixtures/wedge-quirks.hex", import.meta.url));

function rig(options: Partial<WedgeOptions> = {}) {
  const codes: string[] = [];
  const discards: { reason: string; raw: string }[] = [];
  const decoder = new WedgeDecoder({
    options: { ...defaultWedgeOptions, ...options },
    clock: systemClock,
    sink: { code: (c) => codes.push(c), discard: (reason, raw) => discards.push({ reason, raw }) },
  });
  const feed = (reports: Uint8Array[]) => reports.forEach((r) => decoder.feed(r));
  return { decoder, codes, discards, feed };
}

describe("WedgeDecoder", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ends a code on Enter and on Tab", () => {
    const r = rig();
    r.feed(encodeWedge("1A4060300003B01000012345", "enter"));
    r.feed(encodeWedge("EMP-A1B2", "tab"));
    expect(r.codes).toEqual(["1A4060300003B01000012345", "EMP-A1B2"]);
  });

  it("keeps a Tab inside the code when only Enter terminates", () => {
    const r = rig({ suffix: "enter" });
    r.feed([...encodeWedge("AB", "tab"), ...encodeWedge("CD", "enter")]);
    expect(r.codes).toEqual(["AB\tCD"]);
  });

  it("drops codes shorter than the minimum length", () => {
    const r = rig({ minLength: 4 });
    r.feed(encodeWedge("abc"));
    expect(r.codes).toEqual([]);
    expect(r.discards[0]?.reason).toMatch(/shorter than 4/);
  });

  it("drops a partial code when no terminator comes within the inter-character timeout", () => {
    const r = rig({ interCharTimeoutMs: 50 });
    r.feed(encodeWedge("1A40603", "none"));
    vi.advanceTimersByTime(60);
    r.feed(encodeWedge("XYZ1"));
    expect(r.codes).toEqual(["XYZ1"]);
    expect(r.discards).toEqual([expect.objectContaining({ raw: "1A40603" })]);
  });

  it("splits codes on a slow gap even before the timer fires", () => {
    const r = rig({ interCharTimeoutMs: 50 });
    const [down, up] = encodeWedge("Q", "none");
    r.feed([down!, up!]);
    vi.setSystemTime(Date.now() + 80);
    r.feed(encodeWedge("RST"));
    expect(r.codes).toEqual(["RST"]);
    expect(r.discards[0]?.raw).toBe("Q");
  });

  it("ends a code on the timeout when the scanner sends no suffix", () => {
    const r = rig({ suffix: "none", interCharTimeoutMs: 40 });
    r.feed(encodeWedge("EMP-7788", "none"));
    expect(r.codes).toEqual([]);
    vi.advanceTimersByTime(41);
    expect(r.codes).toEqual(["EMP-7788"]);
  });

  it("keeps one code of five fired by one trigger pull", () => {
    const r = rig({ blankingMs: 500 });
    r.feed(section(quirks, "five-fires"));
    expect(r.codes).toEqual(["ABC123"]);
    expect(r.discards).toHaveLength(4);
    expect(r.discards.every((d) => /double fire/.test(d.reason))).toBe(true);
  });

  it("accepts the same code again once the blanking period is over", () => {
    const r = rig({ blankingMs: 300 });
    r.feed(encodeWedge("ABC123"));
    vi.setSystemTime(Date.now() + 301);
    r.feed(encodeWedge("ABC123"));
    expect(r.codes).toEqual(["ABC123", "ABC123"]);
  });

  it("rejects reports that are not boot keyboard reports", () => {
    const r = rig();
    r.decoder.feed(Uint8Array.of(1, 2, 3));
    expect(r.codes).toEqual([]);
    expect(r.discards[0]?.reason).toMatch(/3 bytes/);
  });

  it("reports a code cut off by reset (unplug) and does not emit it", () => {
    const r = rig();
    r.feed(encodeWedge("1A406", "none"));
    r.decoder.reset();
    r.feed(encodeWedge("ZZZ"));
    expect(r.codes).toEqual(["ZZZ"]);
    expect(r.discards[0]?.raw).toBe("1A406");
  });

  it("splits off the AIM symbology identifier when the scanner is set to send it", () => {
    const seen: [string, string | undefined][] = [];
    const decoder = new WedgeDecoder({
      options: { ...defaultWedgeOptions, aimPrefix: true },
      clock: systemClock,
      sink: {
        code: (c, aim) => {
          seen.push([c, aim]);
        },
        discard: () => undefined,
      },
    });
    for (const rep of [...encodeWedge("]C11A4060300003B01000012345"), ...encodeWedge("EMP-A1B2")]) decoder.feed(rep);
    expect(seen).toEqual([
      ["1A4060300003B01000012345", "]C1"],
      ["EMP-A1B2", undefined],
    ]);
  });
});
