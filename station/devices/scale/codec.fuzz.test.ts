import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, PROTOTYPE_KEYS } from "../../../test/support/fuzz.js";
import { concat, MAX_LINE, scaleProtocols, type Decoded, type ScaleFrame, type ScaleProtocol } from "./codec.js";
import { codecFor } from "./codecs.js";
import { formatReading, nciStatus, type SimDisplay } from "./sim-frames.js";

/**
 * Scale frames of every family under random bytes: a codec never throws, every frame and
 * discard is well formed (a reason in words, grams a finite number or null), the tail it keeps
 * stays bounded, a reading printed the family's way reads back, and where the serial port cuts
 * the bytes never changes what is read.
 */
const MAX_TAIL: Record<ScaleProtocol, number> = { "mt-sics": MAX_LINE, and: MAX_LINE, ohaus: MAX_LINE, nci: 64 };
const protocol = fc.constantFrom(...scaleProtocols);

/** Feeds chunks the way the driver does: each decode gets the previous tail plus the new bytes. */
function feed(p: ScaleProtocol, chunks: Uint8Array[]): Decoded {
  const codec = codecFor(p);
  let rest: Uint8Array = new Uint8Array(0);
  const all: Decoded = { frames: [], rest, discarded: [] };
  for (const c of chunks) {
    const d = codec.decode(concat(rest, c));
    expect(d.rest.length).toBeLessThanOrEqual(MAX_TAIL[p]);
    rest = d.rest;
    all.frames.push(...d.frames);
    all.discarded.push(...d.discarded);
  }
  return { ...all, rest };
}

function expectWellFormed(d: Decoded): void {
  for (const f of d.frames) {
    expect(typeof f.raw).toBe("string");
    if (f.type === "weight") {
      expect(f.grams === null || Number.isFinite(f.grams)).toBe(true);
      expect([typeof f.stable, typeof f.overload, typeof f.underload]).toEqual(["boolean", "boolean", "boolean"]);
    } else if (f.type === "error") {
      expect(typeof f.reason).toBe("string");
      expect(f.reason.length).toBeGreaterThan(0);
    } else {
      expect(["tare", "zero", "any", "info"]).toContain(f.command);
    }
  }
  for (const x of d.discarded) {
    expect(typeof x.reason).toBe("string");
    expect(typeof x.raw).toBe("string");
  }
}

/** Splits bytes at the given cut points (taken modulo the length). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of at) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Words of every family's replies, numbers, units and JavaScript property names. */
const word = fc.oneof(
  fc.constantFrom(
    "S",
    "SI",
    "SIR",
    "T",
    "TA",
    "TI",
    "Z",
    "ZI",
    "@",
    "I4",
    "ES",
    "ET",
    "EL",
    "D",
    "+",
    "-",
    "I",
    "A",
    "ST",
    "US",
    "OL",
    "QT",
    "EC",
    "E00",
    "E01",
    "E99",
    "LO",
    "OK",
    "HI",
    "?",
    "G",
    "NET",
    "T",
    "-OL-",
    "-UL-",
    "O-L",
    "g",
    "kg",
    "mg",
    "lb",
    "lbs",
    "oz",
    "ct",
    "gm",
    "pcs",
    "%",
    "GN",
    "12.34",
    "-0.5",
    "0",
    "00000.00",
    ".",
    "..",
    "1e5",
    "99999999999999999999999",
    "-",
    "+00012.34",
    "^^^^^^",
    ...PROTOTYPE_KEYS,
  ),
  fc.string({ unit: fc.constantFrom(..."0123456789.-+ "), maxLength: 12 }),
);
const joiner = fc.constantFrom(" ", ",", "  ", "", ", ");
const line = fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), joiner).map(([w, j]) => w.join(j));
const status = fc.oneof(
  fc.constantFrom("00", "10", "20", "03", "44", "0", "000", "xy"),
  fc.string({
    unit: fc.integer({ min: 0x30, max: 0x3f }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 4,
  }),
);

/** A line or an SCP-01 frame made of those words, terminated as its family terminates it. */
function wordFrame(p: ScaleProtocol): fc.Arbitrary<string> {
  if (p !== "nci") return fc.tuple(line, fc.constantFrom("\r\n", "\r", "\n", "\x06")).map(([l, end]) => l + end);
  return fc.oneof(
    fc.tuple(line, status).map(([l, s]) => `\n${l}\r\n${s}\r\x03`),
    status.map((s) => `\n${s}\r\x03`),
    line.map((l) => `${l}\x03`),
  );
}

const bytesOf = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));

describe("scale codecs under random input", () => {
  it("any bytes: no throw, well-formed frames and discards, bounded tail", () => {
    fc.assert(
      fc.property(protocol, fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 6 }), (p, chunks) => {
        expectWellFormed(feed(p, chunks));
      }),
      fuzzParams(800),
    );
  });

  it("lines made of the families' own words: no throw, every reason in words", () => {
    fc.assert(
      fc.property(
        protocol.chain((p) => fc.tuple(fc.constant(p), fc.array(wordFrame(p), { minLength: 1, maxLength: 8 }))),
        ([p, frames]) => {
          expectWellFormed(feed(p, [bytesOf(frames.join(""))]));
        },
      ),
      fuzzParams(1200),
    );
  });

  it("one long burst without a terminator is dropped with a reason, not kept", () => {
    fc.assert(
      fc.property(protocol, fc.uint8Array({ minLength: 200, maxLength: 4_000 }), (p, noise) => {
        const clean = noise.map((b) => (b === 0x0d || b === 0x0a || b === 0x06 || b === 0x03 ? 0x41 : b));
        const d = feed(p, [clean]);
        expect(d.rest.length).toBeLessThanOrEqual(MAX_TAIL[p]);
        expectWellFormed(d);
      }),
      fuzzParams(100),
    );
  });
});

/** What the simulated scale shows; its printed line is the family's own format. */
const display: fc.Arbitrary<SimDisplay> = fc
  .record({
    grams: fc.integer({ min: -9_999_999, max: 9_999_999 }).map((c) => c / 100),
    stable: fc.boolean(),
    range: fc.constantFrom("ok", "ok", "ok", "over", "under"),
  })
  .map(({ grams, stable, range }) => ({ grams, stable, overload: range === "over", underload: range === "under" }));

function expectedFrame(
  d: SimDisplay,
): Pick<Extract<ScaleFrame, { type: "weight" }>, "grams" | "stable" | "overload" | "underload"> {
  if (d.overload || d.underload) return { grams: null, stable: false, overload: d.overload, underload: d.underload };
  return { grams: d.grams === 0 ? 0 : d.grams, stable: d.stable, overload: false, underload: false };
}

describe("scale codecs read back what a scale prints", () => {
  it("every family, any weight in range, stable or not, over or under", () => {
    fc.assert(
      fc.property(protocol, display, (p, d) => {
        const out = feed(p, [bytesOf(formatReading(p, d))]);
        expect(out.discarded).toEqual([]);
        expect(out.frames).toHaveLength(1);
        const f = out.frames[0]!;
        expect(f.type).toBe("weight");
        if (f.type === "weight")
          expect({
            grams: f.grams === 0 ? 0 : f.grams,
            stable: f.stable,
            overload: f.overload,
            underload: f.underload,
          }).toEqual(expectedFrame(d));
      }),
      fuzzParams(800),
    );
  });

  it("where the port cuts a run of readings never changes what is read", () => {
    fc.assert(
      fc.property(
        protocol,
        fc.array(display, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (p, shown, points) => {
          const bytes = bytesOf(shown.map((d) => formatReading(p, d)).join(""));
          const whole = feed(p, [bytes]);
          const pieces = feed(p, cut(bytes, points));
          expect(pieces.frames).toEqual(whole.frames);
          expect(pieces.frames).toHaveLength(shown.length);
          expect(pieces.rest.length).toBe(0);
        },
      ),
      fuzzParams(400),
    );
  });

  it("a reading survives noise lines before it", () => {
    fc.assert(
      fc.property(
        protocol.filter((p) => p !== "nci"),
        fc.array(line, { maxLength: 3 }),
        display,
        (p, noise, d) => {
          const text = noise.map((l) => `${l.replace(/[\r\n\x06]/g, "")}\r\n`).join("") + formatReading(p, d);
          const out = feed(p, [bytesOf(text)]);
          const last = out.frames.at(-1);
          expect(last?.type).toBe("weight");
          if (last?.type === "weight")
            expect(last.grams === null ? null : last.grams === 0 ? 0 : last.grams).toEqual(expectedFrame(d).grams);
        },
      ),
      fuzzParams(300),
    );
  });

  it("SCP-01 status bytes of the simulator decode to the flags they carry", () => {
    fc.assert(
      fc.property(display, (d) => {
        const frame = `\n${nciStatus(d)}\r\x03`;
        const out = feed("nci", [bytesOf(frame)]);
        expect(out.frames).toEqual([expect.objectContaining({ type: "ack" })]);
      }),
      fuzzParams(100),
    );
  });
});

describe("scale codecs under one large read", () => {
  it("a line or SCP-01 frame longer than any family sends is discarded, never read as a weight", () => {
    fc.assert(
      fc.property(protocol, fc.integer({ min: MAX_LINE + 1, max: 2_000 }), display, (p, length, d) => {
        const printed = formatReading(p, d);
        // SCP-01: pad the weight field inside the frame; the others: pad the line itself.
        const text =
          p === "nci"
            ? printed.replace("\n", `\n${" ".repeat(length)}`)
            : `${printed.trimEnd().padStart(length, " ")}\r\n`;
        const out = feed(p, [bytesOf(text)]);
        expect(out.frames.filter((f) => f.type === "weight")).toEqual([]);
        expect(out.discarded.length).toBeGreaterThan(0);
      }),
      fuzzParams(200),
    );
  });

  it("a read of any size up to 256 KB ending in a frame end decodes without throwing", () => {
    fc.assert(
      fc.property(
        protocol,
        fc.integer({ min: 1, max: 256 * 1024 }),
        fc.integer({ min: 0x20, max: 0x7e }),
        (p, size, fill) => {
          const bytes = new Uint8Array(size + 1).fill(fill);
          bytes[size] = p === "nci" ? 0x03 : 0x0a;
          expectWellFormed(feed(p, [bytes]));
        },
      ),
      fuzzParams(12),
    );
  });
});

describe("found by fuzzing", () => {
  it("an SCP-01 read of 200,000 bytes before ETX is discarded, not a stack overflow", () => {
    const bytes = new Uint8Array(200_001).fill(0x41);
    bytes[200_000] = 0x03;
    const out = feed("nci", [bytes]);
    expect(out.frames).toEqual([]);
    expect(out.discarded.map((d) => d.reason)).toEqual(["SCP-01 frame longer than 64 bytes"]);
  });

  it("an Ohaus line of 97 characters is discarded, not parsed", () => {
    const out = feed("ohaus", [bytesOf(`${" ".repeat(91)}1.00 g\r\n`)]);
    expect(out.frames).toEqual([]);
    expect(out.discarded).toEqual([
      { reason: `line longer than ${MAX_LINE} bytes`, raw: `${" ".repeat(91)}1.00 … (97 bytes)` },
    ]);
  });

  it("an MT-SICS line starting with a JavaScript property name is not an MT-SICS reply", () => {
    const out = feed("mt-sics", [bytesOf("hasOwnProperty \r\nconstructor\r\n")]);
    expect(out.frames).toEqual([]);
    expect(out.discarded.map((d) => d.reason)).toEqual(["not an MT-SICS reply", "not an MT-SICS reply"]);
  });
});
