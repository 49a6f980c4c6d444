import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams } from "../../../test/support/fuzz.js";
import type { Clock } from "#station/clock.js";
import { decodeBootReport, encodeWedge } from "./hid-keymap.js";
import { decodePosReport, encodePos, MAX_POS_CODE, PosAssembler } from "./hid-pos.js";
import { defaultWedgeOptions, WedgeDecoder, type WedgeOptions } from "./wedge-decoder.js";

/**
 * HID reports under random input: boot keyboard reports, the wedge decoder over a stream of
 * them with random gaps, and HID POS reports. Nothing throws, every key is a key, and text
 * typed by a scanner (or sent in POS reports) comes out as it went in.
 */

/** A clock whose timers run only when the test moves time on. */
class StepClock implements Clock {
  t = 1_000_000;
  private timers = new Map<NodeJS.Timeout, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.t;
  monotonic = () => this.t;
  setTimeout = (fn: () => void, ms: number): NodeJS.Timeout => {
    const id = this.next++ as unknown as NodeJS.Timeout;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id: NodeJS.Timeout | undefined) => void (id !== undefined && this.timers.delete(id));
  setInterval = (): NodeJS.Timeout => {
    throw new Error("not used by the wedge decoder");
  };
  clearInterval = () => undefined;
  advance(ms: number): void {
    this.t += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.t) break;
      this.timers.delete(id);
      timer.fn();
    }
  }
}

function wedgeRig(options: Partial<WedgeOptions> = {}) {
  const clock = new StepClock();
  const codes: Array<{ code: string; aim?: string }> = [];
  const discards: Array<{ reason: string; raw: string }> = [];
  const decoder = new WedgeDecoder({
    options: { ...defaultWedgeOptions, ...options },
    clock,
    sink: {
      code: (code, aim) => codes.push(aim ? { code, aim } : { code }),
      discard: (reason, raw) => discards.push({ reason, raw }),
    },
  });
  return { clock, codes, discards, decoder };
}

/** Every character a US boot keyboard types. */
const typeable = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_=+[{]}\\|;:'\",<.>/?`~ ",
);
const report = fc.oneof(
  fc.uint8Array({ minLength: 8, maxLength: 8 }),
  fc.uint8Array({ minLength: 9, maxLength: 9 }),
  fc.uint8Array({ maxLength: 16 }),
  fc
    .tuple(fc.nat(0x3f), fc.array(fc.integer({ min: 0, max: 0x65 }), { minLength: 6, maxLength: 6 }))
    .map(([m, k]) => Uint8Array.of(m, 0, ...k)),
);

describe("boot keyboard reports", () => {
  it("any report against any previous one: keys are single characters, Enter or Tab", () => {
    fc.assert(
      fc.property(report, fc.option(report, { nil: undefined }), (r, prev) => {
        const out = decodeBootReport(r, prev);
        for (const k of out.keys) {
          if (k.kind === "char") expect([...k.char]).toHaveLength(1);
          else expect(["enter", "tab"]).toContain(k.kind);
        }
        for (const u of out.unknown) expect(u).toBeGreaterThanOrEqual(0);
      }),
      fuzzParams(1000),
    );
  });

  it("text typed the scanner's way reads back character for character", () => {
    fc.assert(
      fc.property(fc.string({ unit: typeable, maxLength: 60 }), (text) => {
        let prev: Uint8Array | undefined;
        let typed = "";
        for (const r of encodeWedge(text, "enter")) {
          const out = decodeBootReport(r, prev);
          prev = r;
          for (const k of out.keys) typed += k.kind === "char" ? k.char : `<${k.kind}>`;
        }
        expect(typed).toBe(`${text}<enter>`);
      }),
      fuzzParams(400),
    );
  });
});

describe("wedge decoder", () => {
  it("a random report stream with random gaps: no throw, every code at least minLength", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(report, fc.nat(300)), { maxLength: 60 }),
        fc.constantFrom("enter", "tab", "enter-or-tab", "none" as const),
        (stream, suffix) => {
          const r = wedgeRig({ suffix, minLength: 3 });
          for (const [rep, gap] of stream) {
            r.clock.advance(gap);
            r.decoder.feed(rep);
          }
          r.clock.advance(1_000);
          r.decoder.reset();
          for (const c of r.codes) expect(c.code.length).toBeGreaterThanOrEqual(3);
          for (const d of r.discards) expect(d.reason.length).toBeGreaterThan(0);
        },
      ),
      fuzzParams(500),
    );
  });

  it("codes typed with short gaps come out whole, in order, with their AIM identifier", () => {
    const code = fc
      .string({ unit: typeable, minLength: 3, maxLength: 30 })
      .filter((c) => c.trim() === c && !c.startsWith("]"));
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.nat(90), (codes, aim, gap) => {
        const r = wedgeRig({ aimPrefix: aim, blankingMs: 0 });
        for (const c of codes) {
          for (const rep of encodeWedge(aim ? `]C1${c}` : c, "enter")) {
            r.clock.advance(gap % 50);
            r.decoder.feed(rep);
          }
          r.clock.advance(200);
        }
        expect(r.codes).toEqual(codes.map((c) => (aim ? { code: c, aim: "]C1" } : { code: c })));
        expect(r.discards).toEqual([]);
      }),
      fuzzParams(300),
    );
  });
});

describe("HID POS reports", () => {
  it("any report: a code part of at most 56 bytes, or a reason", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 70 }),
          fc.uint8Array({ minLength: 64, maxLength: 64 }),
          fc.uint8Array({ minLength: 63, maxLength: 63 }),
        ),
        (r) => {
          const out = decodePosReport(r);
          if (out.ok) expect(out.data.length).toBeLessThanOrEqual(56);
          else expect(out.reason).toMatch(/HID POS/);
        },
      ),
      fuzzParams(600),
    );
  });

  it("a code split over reports is joined back exactly, with its AIM identifier", () => {
    const latin1 = fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.string({ unit: latin1, minLength: 1, maxLength: 400 }),
        fc.constantFrom("]C0", "]d2", "]Q3", "]E0"),
        (code, aim) => {
          const a = new PosAssembler();
          const outs = encodePos(code, aim).map((r) => a.feed(r));
          expect(outs.at(-1)).toEqual({ code, aim });
          expect(outs.slice(0, -1).every((o) => Object.keys(o).length === 0)).toBe(true);
          expect(a.pending).toBe(false);
        },
      ),
      fuzzParams(300),
    );
  });

  it("a random report stream never throws, and a bad report forgets the partial code", () => {
    const posReport = fc.oneof(
      fc.string({ maxLength: 120 }).chain((s) => fc.constantFrom(...encodePos(s))),
      fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => {
        r[0] = 0x02;
        r[1] = (r[1] ?? 0) % 60;
        return r;
      }),
      fc.uint8Array({ maxLength: 70 }),
    );
    fc.assert(
      fc.property(fc.array(posReport, { maxLength: 30 }), (stream) => {
        const a = new PosAssembler();
        for (const r of stream) {
          const out = a.feed(r);
          if (out.error) expect(a.pending).toBe(false);
          if (out.code !== undefined) expect(a.pending).toBe(false);
        }
      }),
      fuzzParams(400),
    );
  });
});

describe("HID POS assembly stays bounded", () => {
  it("reports whose more-data flag never clears are dropped with a reason once past the longest code", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 56 }), fc.integer({ min: 1, max: 400 }), (chunk, count) => {
        const stuck = encodePos("A".repeat(chunk))[0]!;
        stuck[63] = 1;
        const a = new PosAssembler();
        const errors = Array.from({ length: count }, () => a.feed(stuck)).filter((o) => o.error);
        const held = count * chunk - errors.length * (Math.floor(MAX_POS_CODE / chunk) + 1) * chunk;
        expect(held).toBeLessThanOrEqual(MAX_POS_CODE);
        expect(errors.length).toBe(Math.floor(count / (Math.floor(MAX_POS_CODE / chunk) + 1)));
        for (const e of errors) expect(e.error).toMatch(/longer than 8192 bytes/);
      }),
      fuzzParams(60),
    );
  });
});
