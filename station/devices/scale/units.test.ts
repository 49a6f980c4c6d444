import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGrams, parseUnit, toGrams } from "./units.js";

describe("toGrams", () => {
  it("converts each unit with exact factors", () => {
    expect(toGrams("1", "lb")).toBe(453.59237);
    expect(toGrams("1", "oz")).toBe(28.349523);
    expect(toGrams("5", "ct")).toBe(1);
    expect(toGrams("0.0015", "kg")).toBe(1.5);
    expect(toGrams("250", "mg")).toBe(0.25);
  });
  it("does not drift where binary floats do", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(toGrams("0.3", "g")).toBe(0.3);
    expect(toGrams("1.005", "kg")).toBe(1005);
  });
  it("keeps signs and zero padding", () => {
    expect(toGrams("+00012.34", "g")).toBe(12.34);
    expect(toGrams("-0.0082", "g")).toBe(-0.0082);
    expect(toGrams("-0.000", "g")).toBe(0);
  });
  it("rejects what is not a number", () => {
    expect(toGrams("^^^", "g")).toBeUndefined();
    expect(toGrams("", "g")).toBeUndefined();
    expect(toGrams(".", "g")).toBeUndefined();
  });
  it("gives the same grams as the decimal text for any gram reading", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }), (n, d) => {
        const text = (n / 10 ** d).toFixed(d);
        return toGrams(text, "g") === Number(text);
      }),
    );
  });
});

describe("units", () => {
  it("reads wire spellings", () => {
    expect(parseUnit("  g")).toBe("g");
    expect(parseUnit(" KG")).toBe("kg");
    expect(parseUnit("lbs")).toBe("lb");
    expect(parseUnit("PC")).toBeUndefined();
  });
  it("formats grams for the kiosk", () => {
    expect(formatGrams(158.757333)).toBe("158.757 g");
    expect(formatGrams(12.3)).toBe("12.3 g");
  });
});
