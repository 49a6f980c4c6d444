import { describe, expect, it } from "vitest";
import { loadConfig } from "#hub/config.js";
import { DEFAULT_INVESTIGATIONS_CONFIG, investigationsSlice, needsApproval } from "./config.js";

describe("the investigations slice of the configuration", () => {
  it("defaults to a 24 h deadline and approval above 2 units or $50", () => {
    expect(investigationsSlice(loadConfig({}))).toEqual(DEFAULT_INVESTIGATIONS_CONFIG);
    expect(DEFAULT_INVESTIGATIONS_CONFIG).toEqual({ deadlineMs: 86_400_000, approvalQuantity: 2, approvalValue: 50 });
  });

  it("reads the variables, an empty limit leaving it out", () => {
    const cfg = loadConfig({
      INVESTIGATION_DEADLINE_HOURS: "48",
      INVESTIGATION_APPROVAL_QUANTITY: "",
      INVESTIGATION_APPROVAL_VALUE: "200",
    });
    expect(investigationsSlice(cfg)).toEqual({
      deadlineMs: 48 * 3_600_000,
      approvalQuantity: null,
      approvalValue: 200,
    });
  });

  it("refuses a deadline that is not a positive number of hours, naming the variable", () => {
    expect(() => loadConfig({ INVESTIGATION_DEADLINE_HOURS: "0" })).toThrow(/INVESTIGATION_DEADLINE_HOURS/);
    expect(() => loadConfig({ INVESTIGATION_APPROVAL_VALUE: "lots" })).toThrow(/INVESTIGATION_APPROVAL_VALUE/);
  });

  it("needs approval strictly above either limit; an unknown value counts only by quantity", () => {
    const cfg = DEFAULT_INVESTIGATIONS_CONFIG;
    expect(needsApproval(cfg, 2, 50)).toBe(false);
    expect(needsApproval(cfg, -2.5, 10)).toBe(true);
    expect(needsApproval(cfg, 1, 50.01)).toBe(true);
    expect(needsApproval(cfg, 1, null)).toBe(false);
    expect(needsApproval({ deadlineMs: 1, approvalQuantity: null, approvalValue: null }, 1e6, 1e6)).toBe(false);
  });
});
