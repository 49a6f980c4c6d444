import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, nastyText } from "../test/support/fuzz.js";
import { BarcodeClassSchema, classifyBarcode } from "./barcode.js";
import { GS, gs1CheckDigitValid, parseGs1, type Gs1Data } from "./gs1.js";
import { parseMetrcTag, TAG_LENGTH } from "./metrc-tag.js";
import { hashPin, verifyPin } from "./pin.js";

/**
 * Scanned text under random input: every code gets a classification the scan schema accepts
 * (an unreadable one is `invalid` with a reason for the kiosk banner), and every well-formed
 * GS1 element string or METRC tag reads back exactly what was encoded.
 */
const scanned = fc.oneof(
  nastyText,
  fc.string({ unit: fc.constantFrom("0", "1", "7", "(", ")", "]", "d", "2", "C", GS, "A", "-", ":"), maxLength: 60 }),
  fc
    .constantFrom("]C1", "]d2", "]Q3", "]e0", "CMD:", "EMP-", "https://1a4.com/", "(01)", "01")
    .chain((p) => nastyText.map((t) => p + t)),
);

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
/** A GTIN-14 whose check digit is right (GS1 General Specifications 7.9.1). */
const gtin = digits(13).map((body) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => body + d).find(gs1CheckDigitValid)!);
/** GS1 AI encodable character set 82 (General Specifications 7.11), without parentheses and space. */
const set82 = fc.constantFrom(..."!\"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
const variable = fc.string({ unit: set82, minLength: 1, maxLength: 20 });
const expiry = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 31 }))
  .filter(([y, m, d]) => d <= new Date(Date.UTC(2000 + y, m, 0)).getUTCDate())
  .map(([y, m, d]) => ({
    yymmdd: [y, m, d].map((n) => String(n).padStart(2, "0")).join(""),
    iso: isoOf(2000 + y, m, d),
  }));

function isoOf(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day === 0 ? last : day).padStart(2, "0")}`;
}

type Field = { ai: "01" | "17" | "10" | "21"; value: string; fixed: boolean };
const gs1Fields = fc
  .record({
    gtin: fc.option(gtin, { nil: undefined }),
    expiry: fc.option(expiry, { nil: undefined }),
    batch: fc.option(variable, { nil: undefined }),
    serial: fc.option(variable, { nil: undefined }),
  })
  .filter((f) => Object.values(f).some((v) => v !== undefined));
const order = fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 });

function fieldsOf(
  f: { gtin?: string; expiry?: { yymmdd: string }; batch?: string; serial?: string },
  ordering: number[],
): Field[] {
  const all: Array<Field | undefined> = [
    f.gtin === undefined ? undefined : { ai: "01", value: f.gtin, fixed: true },
    f.expiry === undefined ? undefined : { ai: "17", value: f.expiry.yymmdd, fixed: true },
    f.batch === undefined ? undefined : { ai: "10", value: f.batch, fixed: false },
    f.serial === undefined ? undefined : { ai: "21", value: f.serial, fixed: false },
  ];
  return ordering.map((i) => all[i]).filter((x): x is Field => x !== undefined);
}

/** As a scanner sends it: FNC1 (GS) after every variable field but the last. */
const withFnc1 = (fields: Field[]) =>
  fields.map((x, i) => `${x.ai}${x.value}${!x.fixed && i < fields.length - 1 ? GS : ""}`).join("");
const parenthesized = (fields: Field[]) => fields.map((x) => `(${x.ai})${x.value}`).join("");

function expected(f: { gtin?: string; expiry?: { iso: string }; batch?: string; serial?: string }): Gs1Data {
  return {
    ...(f.gtin === undefined ? {} : { gtin: f.gtin }),
    ...(f.expiry === undefined ? {} : { expiry: f.expiry.iso }),
    ...(f.batch === undefined ? {} : { batch: f.batch }),
    ...(f.serial === undefined ? {} : { serial: f.serial }),
  };
}

describe("barcode classification under random scans", () => {
  it("every code gets a schema-valid class; an unreadable one says why", () => {
    fc.assert(
      fc.property(scanned, (code) => {
        const c = classifyBarcode(code);
        expect(BarcodeClassSchema.safeParse(c).success).toBe(true);
        if (c.kind === "invalid") expect(c.reason.length).toBeGreaterThan(0);
      }),
      fuzzParams(1500),
    );
  });

  it("parseGs1 answers data or a reason for any text", () => {
    fc.assert(
      fc.property(scanned, (code) => {
        const r = parseGs1(code);
        if (r.ok) expect(Object.keys(r.data).length).toBeGreaterThan(0);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      fuzzParams(800),
    );
  });
});

describe("GS1 element strings read back what was encoded", () => {
  it("with FNC1 separators, behind a GS1 AIM identifier, in any field order", () => {
    fc.assert(
      fc.property(gs1Fields, order, fc.constantFrom("]C1", "]d2", "]Q3", "]e0"), (f, ordering, aim) => {
        const text = withFnc1(fieldsOf(f, ordering));
        expect(parseGs1(text)).toEqual({ ok: true, data: expected(f) });
        expect(classifyBarcode(aim + text)).toEqual({ kind: "gs1", ...expected(f) });
      }),
      fuzzParams(400),
    );
  });

  it("in the human-readable (AI) form", () => {
    fc.assert(
      fc.property(gs1Fields, order, (f, ordering) => {
        expect(parseGs1(parenthesized(fieldsOf(f, ordering)))).toEqual({ ok: true, data: expected(f) });
      }),
      fuzzParams(300),
    );
  });

  it("a GTIN with any other check digit is refused", () => {
    fc.assert(
      fc.property(gtin, fc.integer({ min: 1, max: 9 }), (g, delta) => {
        const wrong = g.slice(0, 13) + String((Number(g[13]) + delta) % 10);
        expect(parseGs1(`01${wrong}`)).toEqual({ ok: false, reason: "GTIN check digit is wrong" });
      }),
      fuzzParams(200),
    );
  });
});

describe("METRC tags", () => {
  const tagChar = fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
  it("any 24 letters and digits, in any case and padding, is a tag in upper case", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: tagChar, minLength: TAG_LENGTH, maxLength: TAG_LENGTH }),
        fc.constantFrom("", " ", "\t"),
        (t, pad) => {
          expect(parseMetrcTag(`${pad}${t}${pad}`)).toMatchObject({ ok: true, tag: t.toUpperCase() });
        },
      ),
      fuzzParams(300),
    );
  });
  it("anything else is refused with a reason", () => {
    fc.assert(
      fc.property(nastyText, (t) => {
        const r = parseMetrcTag(t);
        if (!r.ok) expect(r.reason).toMatch(/METRC tag/);
        else expect(r.tag).toMatch(/^[0-9A-Z]{24}$/);
      }),
      fuzzParams(500),
    );
  });
});

describe("kiosk PIN check against a stored hash from the hub", () => {
  const good = hashPin("2468");
  const field = fc.oneof(
    fc.constantFrom("0", "1", "2", "3", "-1", "1.5", "NaN", "1e9", "65536", "16384", "8", "", "x"),
    nastyText,
  );
  const stored = fc.oneof(
    fc.array(field, { minLength: 1, maxLength: 7 }).map((parts) => ["scrypt", ...parts].join("$")),
    fc
      .tuple(field, field, field)
      .map(([n, r, p]) => `scrypt$${n}$${r}$${p}$${good.split("$")[4]}$${good.split("$")[5]}`),
    nastyText,
  );
  it("answers true or false for any stored text, and never throws", () => {
    fc.assert(
      fc.property(fc.constantFrom("2468", "0000", ""), stored, (pin, hash) => {
        expect(typeof verifyPin(pin, hash)).toBe("boolean");
      }),
      fuzzParams(150),
    );
  });
});

describe("found by fuzzing", () => {
  it("a stored hash with scrypt costs no kiosk can run is a failed check, not a thrown RangeError", () => {
    const [, , , , salt, hash] = hashPin("2468").split("$");
    expect(verifyPin("2468", `scrypt$0$16384$0$${salt}$${hash}`)).toBe(false);
    expect(verifyPin("2468", `scrypt$3$8$1$${salt}$${hash}`)).toBe(false);
    expect(verifyPin("2468", `scrypt$1048576$32$16$${salt}$${hash}`)).toBe(false);
    expect(verifyPin("2468", hashPin("2468"))).toBe(true);
  });
});

describe("barcode classification, shrunk counterexamples", () => {
  it("a GS1 code whose application identifier holds the separator says so in readable text", () => {
    const c = classifyBarcode("0\u001d");
    expect(c).toEqual({ kind: "invalid", reason: expect.stringContaining("<U+001D>") });
    expect(BarcodeClassSchema.safeParse(c).success).toBe(true);
  });
});
