import { describe, expect, it } from "vitest";
import { when } from "./style.js";

describe("when", () => {
  it("shows instants in UTC to the minute and METRC's offset-less times as local", () => {
    expect(when("2026-11-28T00:58:27.700Z")).toBe("2026-11-28 00:58 UTC");
    expect(when("2026-11-27T17:30:00-08:00")).toBe("2026-11-28 01:30 UTC");
    expect(when("2026-11-27T17:58:24.138")).toBe("2026-11-27 17:58 local");
    expect(when("soon")).toBe("soon");
    expect(when(null)).toBe("—");
  });
});
