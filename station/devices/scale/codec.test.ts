import { describe, expect, it } from "vitest";
import { loadHex, section } from "../fixtures.js";
import { concat, type Decoded, type ScaleFrame } from "./codec.js";
import { codecFor } from "./codecs.js";

const fixture = (name: string) => loadHex(new URL(`./fixtures/${name}.hex`, import.meta.url));

/** Feeds frames in order, carrying the unfinished tail like the driver does. */
function run(protocol: Parameters<typeof codecFor>[0], chunks: Uint8Array[]): Decoded {
  const codec = codecFor(protocol);
  let rest: Uint8Array = new Uint8Array(0);
  const all: Decoded = { frames: [], rest, discarded: [] };
  for (const c of chunks) {
    const d = codec.decode(concat(rest, c));
    rest = d.rest;
    all.frames.push(...d.frames);
    all.discarded.push(...d.discarded);
  }
  return { ...all, rest };
}

const weight = (f: ScaleFrame | undefined) =>
  f?.type === "weight" ? { grams: f.grams, stable: f.stable, overload: f.overload, underload: f.underload } : f;

describe("MT-SICS", () => {
  const fx = fixture("mt-sics");
  const one = (s: string) => run("mt-sics", section(fx, s)).frames[0];
  it.each([
    ["stable", { grams: 12.34, stable: true, overload: false, underload: false }],
    ["dynamic", { grams: 12.3, stable: false, overload: false, underload: false }],
    ["negative", { grams: -0.0082, stable: true, overload: false, underload: false }],
    ["kilograms", { grams: 1234.5, stable: true, overload: false, underload: false }],
    ["pounds", { grams: 158.75733, stable: true, overload: false, underload: false }],
    ["overload", { grams: null, stable: false, overload: true, underload: false }],
    ["underload", { grams: null, stable: false, overload: false, underload: true }],
  ])("%s", (name, expected) => {
    expect(weight(one(name))).toEqual(expected);
  });
  it("reports busy and syntax errors as errors", () => {
    expect(one("busy")).toMatchObject({ type: "error", reason: expect.stringMatching(/busy/) });
    expect(one("syntax-error")).toMatchObject({ type: "error", reason: expect.stringMatching(/ES/) });
  });
  it("answers tare and zero", () => {
    expect(one("tare-done")).toMatchObject({ type: "ack", command: "tare" });
    expect(one("zero-done")).toMatchObject({ type: "ack", command: "zero" });
    expect(one("zero-refused")).toMatchObject({ type: "error", reason: expect.stringMatching(/zero not done/) });
  });
  it("keeps the frames around noise and says what was dropped", () => {
    const d = run("mt-sics", section(fx, "noise-between"));
    expect(d.frames.map((f) => weight(f))).toEqual([
      expect.objectContaining({ grams: 1 }),
      expect.objectContaining({ grams: 2 }),
    ]);
    expect(d.discarded).toEqual([{ reason: "non-text bytes in a line", raw: "\\x00\\x13\\xff~~" }]);
  });
  it("holds a truncated frame as the tail, not as a reading", () => {
    const d = run("mt-sics", section(fx, "truncated"));
    expect(d.frames).toEqual([]);
    expect(Buffer.from(d.rest).toString()).toBe("S S      12.");
  });
  it("joins a frame split at any byte", () => {
    const bytes = section(fx, "stable")[0]!;
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = run("mt-sics", [bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(weight(d.frames[0])).toMatchObject({ grams: 12.34, stable: true });
    }
  });
  it("drops an endless line without a terminator", () => {
    const d = run("mt-sics", [new Uint8Array(200).fill(0x41)]);
    expect(d.rest.length).toBe(0);
    expect(d.discarded[0]?.reason).toMatch(/no line end/);
  });
  it("encodes commands in upper case with CR LF", () => {
    expect(Buffer.from(codecFor("mt-sics").encode("weigh-now")!).toString()).toBe("SI\r\n");
    expect(Buffer.from(codecFor("mt-sics").encode("tare")!).toString()).toBe("T\r\n");
  });
});

describe("A&D standard format", () => {
  const fx = fixture("and");
  const one = (s: string) => run("and", section(fx, s)).frames[0];
  it.each([
    ["stable", { grams: 12.34, stable: true, overload: false, underload: false }],
    ["unstable", { grams: 12.3, stable: false, overload: false, underload: false }],
    ["negative-lb", { grams: -5600.0514, stable: false, overload: false, underload: false }],
    ["zero", { grams: 0, stable: true, overload: false, underload: false }],
    ["overload", { grams: null, stable: false, overload: true, underload: false }],
    ["underload", { grams: null, stable: false, overload: false, underload: true }],
    ["comparator", { grams: 12.34, stable: true, overload: false, underload: false }],
  ])("%s", (name, expected) => {
    expect(weight(one(name))).toEqual(expected);
  });
  it("refuses counting mode with a reason", () => {
    const d = run("and", section(fx, "counting"));
    expect(d.frames).toEqual([]);
    expect(d.discarded[0]?.reason).toMatch(/counting mode/);
  });
  it("reads ACK and both ACKs of a two-step command", () => {
    expect(one("ack")).toMatchObject({ type: "ack" });
    expect(run("and", section(fx, "double-ack")).frames).toHaveLength(2);
  });
  it("names the error code", () => {
    expect(one("error")).toMatchObject({ type: "error", reason: "scale error E01: undefined command" });
  });
  it("keeps the frames around noise", () => {
    const d = run("and", section(fx, "noise-between"));
    expect(d.frames.map((f) => (f.type === "weight" ? f.grams : f.type))).toEqual([1, 2]);
    expect(d.discarded).toHaveLength(1);
  });
  it("holds a truncated frame", () => {
    expect(run("and", section(fx, "truncated")).frames).toEqual([]);
  });
});

describe("Ohaus", () => {
  const fx = fixture("ohaus");
  const one = (s: string) => run("ohaus", section(fx, s)).frames[0];
  it.each([
    ["stable", { grams: 192.21, stable: true, overload: false, underload: false }],
    ["unstable", { grams: 0.01, stable: false, overload: false, underload: false }],
    ["net-kg", { grams: 1234.5, stable: true, overload: false, underload: false }],
    ["indicator-negative", { grams: -557.918615, stable: false, overload: false, underload: false }],
    ["ounces", { grams: 354.369039, stable: true, overload: false, underload: false }],
    ["carats", { grams: 20, stable: true, overload: false, underload: false }],
    ["overload", { grams: null, stable: false, overload: true, underload: false }],
  ])("%s", (name, expected) => {
    expect(weight(one(name))).toEqual(expected);
  });
  it("keeps the frames around noise", () => {
    const d = run("ohaus", section(fx, "noise-between"));
    expect(d.frames.map((f) => (f.type === "weight" ? f.grams : f.type))).toEqual([1, 2]);
    expect(d.discarded).toHaveLength(1);
  });
  it("holds a truncated frame", () => {
    expect(run("ohaus", section(fx, "truncated")).frames).toEqual([]);
  });
  it("has no stream command it cannot send and does not expect tare answers", () => {
    expect(Buffer.from(codecFor("ohaus").encode("stream-on")!).toString()).toBe("CP\r\n");
    expect(codecFor("ohaus").answersControl).toBe(false);
  });
});

describe("NCI SCP-01", () => {
  const fx = fixture("nci");
  const one = (s: string) => run("nci", section(fx, s)).frames[0];
  it.each([
    ["stable-lb", { grams: 158.75733, stable: true, overload: false, underload: false }],
    ["motion", { grams: 136.077711, stable: false, overload: false, underload: false }],
    ["negative-kg", { grams: -125, stable: true, overload: false, underload: false }],
    ["grams", { grams: 12.34, stable: true, overload: false, underload: false }],
    ["over-capacity", { grams: null, stable: false, overload: true, underload: false }],
    ["under-capacity", { grams: null, stable: false, overload: false, underload: true }],
  ])("%s", (name, expected) => {
    expect(weight(one(name))).toEqual(expected);
  });
  it("reads a status-only reply, a fault and a refused command", () => {
    expect(one("status-only")).toMatchObject({ type: "ack" });
    expect(one("eeprom-fault")).toMatchObject({ type: "error", reason: "scale fault: EEPROM error" });
    expect(one("bad-command")).toMatchObject({ type: "error", reason: expect.stringMatching(/\?/) });
  });
  it("keeps the frames around noise", () => {
    const d = run("nci", section(fx, "noise-between"));
    expect(d.frames.map((f) => (f.type === "weight" ? f.grams : f.type))).toEqual([453.59237, 907.18474]);
    expect(d.discarded).toHaveLength(1);
  });
  it("drops a half frame and keeps the whole one after it", () => {
    const d = run("nci", section(fx, "half-then-whole"));
    expect(d.frames.map((f) => (f.type === "weight" ? f.grams : f.type))).toEqual([158.75733]);
    expect(d.discarded[0]?.raw).toBe("\\n  0.3");
  });
  it("holds a truncated frame and has no streaming command", () => {
    expect(run("nci", section(fx, "truncated")).frames).toEqual([]);
    expect(codecFor("nci").encode("stream-on")).toBeUndefined();
    expect(Buffer.from(codecFor("nci").encode("weigh-now")!).toString()).toBe("W\r");
  });
});
