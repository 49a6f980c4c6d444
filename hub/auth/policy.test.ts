import { describe, expect, it } from "vitest";
import { roles } from "#contract/domain.js";
import { isPublicPath, policyRules, refusal, ruleFor } from "./policy.js";

describe("role policy table", () => {
  it("never lets an auditor write anything but their own sign-out and tokens", () => {
    for (const rule of policyRules) {
      if (!rule.own)
        expect({ prefix: rule.prefix, write: rule.write.includes("auditor") }).toEqual({
          prefix: rule.prefix,
          write: false,
        });
    }
    expect(refusal({ role: "auditor", readOnly: true }, "POST", "/adjustments/new")).toMatch(/read-only/);
    expect(refusal({ role: "auditor", readOnly: true }, "POST", "/logout")).toBeUndefined();
  });

  it("uses the longest matching prefix and never matches a prefix in the middle of a word", () => {
    expect(ruleFor("/api/stations/abc").prefix).toBe("/api/stations");
    expect(ruleFor("/api/stationsx").prefix).toBe("/api");
    expect(ruleFor("/administrator").prefix).toBe("/");
  });

  it("gives every role at least read access to packages and refuses unknown write paths to all but managers", () => {
    for (const role of roles)
      expect(refusal({ role, readOnly: false }, "GET", "/api/packages/1A4000000000000000000001")).toBeUndefined();
    expect(refusal({ role: "coordinator", readOnly: false }, "DELETE", "/something-new")).toMatch(/may not change/);
    expect(refusal({ role: "manager", readOnly: false }, "DELETE", "/something-new")).toBeUndefined();
  });

  it("keeps only health, login and static files public", () => {
    expect(isPublicPath("/api/health")).toBe(true);
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/static/htmx.min.js")).toBe(true);
    expect(isPublicPath("/api/healthz")).toBe(false);
    expect(isPublicPath("/loginx")).toBe(false);
    expect(isPublicPath("/api/stations")).toBe(false);
  });
});
