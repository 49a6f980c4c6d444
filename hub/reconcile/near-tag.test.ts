import { describe, expect, it } from "vitest";
import { likelyIntended, tagDistance } from "./near-tag.js";

const T = "1A4060300012B7C000003001";

describe("tagDistance", () => {
  it.each([
    [T, T, 0],
    [T, "1A4060300012B7C000003002", 1],
    [T, "1A4060300012B7C00003001", 1],
    [T, "1A4060300012B7C0000030012", 1],
    [T, "1A4060300012B7C000000301", 1],
    [T, "1A4060300012B7C000005091", 2],
    [T, "1A4060300012B7C00003091", 2],
    [T, "1A4060300012B7C0000030015", 1],
    [T, "1A4060300012B7C0000300159", 3],
    [T, "1A4060300012B7C000099901", 3],
    [T, "ZZZ", 3],
  ])("%s ↔ %s: %i (3 = more than two)", (a, b, d) => {
    expect(tagDistance(a, b)).toBe(d);
    expect(tagDistance(b, a)).toBe(d);
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(tagDistance(T, "1A4060300012B7C000030001".replace("000030001", "000003010"))).toBe(1);
  });
});

describe("likelyIntended", () => {
  const active = ["1A4060300012B7C000003001", "1A4060300012B7C000003002", "1A4060300012B7C000007777"];

  it("names the one package a character away, even when others are two away", () => {
    expect(likelyIntended("1A4060300012B7C000007778", active)).toBe("1A4060300012B7C000007777");
    expect(likelyIntended("1A4060300012B7C00007777", active)).toBe("1A4060300012B7C000007777");
  });

  it("names none when two are as near, or none is within two", () => {
    expect(likelyIntended("1A4060300012B7C000003003", active)).toBeUndefined();
    expect(likelyIntended("1A4060300012B7C000005555", active)).toBeUndefined();
  });

  it("never names the tag itself", () => {
    expect(likelyIntended("1A4060300012B7C000007777", ["1A4060300012B7C000007777"])).toBeUndefined();
  });
});
