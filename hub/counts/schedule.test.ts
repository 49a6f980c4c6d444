import { describe, expect, it } from "vitest";
import type { CountClass } from "./classing.js";
import { defaultCountsConfig } from "./config.js";
import { businessDaysIn, periodOf, scheduledItems, weekdayOf } from "./schedule.js";

function classesOf(a: number, b: number, c: number): Map<string, CountClass> {
  const m = new Map<string, CountClass>();
  for (let i = 0; i < a; i++) m.set(`a-${i}`, "A");
  for (let i = 0; i < b; i++) m.set(`b-${i}`, "B");
  for (let i = 0; i < c; i++) m.set(`c-${i}`, "C");
  return m;
}

describe("a year of cycle counts", () => {
  const classes = classesOf(12, 30, 200);
  const year = businessDaysIn("2027-01-01", "2027-12-31", defaultCountsConfig.businessDays);
  const plan = new Map(year.map((day) => [day, scheduledItems(day, classes, defaultCountsConfig)]));

  it("counts A monthly, B quarterly and C once, every item", () => {
    const times = new Map<string, number>();
    for (const items of plan.values()) for (const id of items) times.set(id, (times.get(id) ?? 0) + 1);
    for (const [id, cls] of classes) expect([id, times.get(id)]).toEqual([id, cls === "A" ? 12 : cls === "B" ? 4 : 1]);
  });

  it("counts A once in each month and B once in each quarter", () => {
    for (let m = 1; m <= 12; m++) {
      const month = `2027-${String(m).padStart(2, "0")}`;
      const seen = [...plan].filter(([d]) => d.startsWith(month)).flatMap(([, ids]) => ids);
      expect(seen.filter((id) => id.startsWith("a-")).sort()).toEqual(
        [...classes.keys()].filter((id) => id.startsWith("a-")).sort(),
      );
    }
  });

  it("counts only on business days (no Sundays by default), spread evenly", () => {
    const all = new Date(Date.UTC(2027, 0, 1));
    for (let t = all.getTime(); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (weekdayOf(day) === "sun") expect(scheduledItems(day, classes, defaultCountsConfig)).toEqual([]);
    }
    expect(year).toHaveLength(313);
    const loads = [...plan.values()].map((ids) => ids.length);
    // 12·12 + 30·4 + 200 = 464 counts over 313 days: never more than three on one day.
    expect(loads.reduce((a, b) => a + b, 0)).toBe(464);
    expect(Math.max(...loads)).toBeLessThanOrEqual(3);
    expect(Math.min(...loads)).toBeGreaterThanOrEqual(0);
  });

  it("follows configured business days and cadence", () => {
    const cfg = {
      businessDays: ["mon" as const, "wed" as const],
      cadence: { a: "month" as const, b: "month" as const, c: "quarter" as const },
    };
    const days = businessDaysIn("2027-03-01", "2027-03-31", cfg.businessDays);
    expect(days.every((d) => ["mon", "wed"].includes(weekdayOf(d)))).toBe(true);
    const counted = days.flatMap((d) => scheduledItems(d, classesOf(0, 3, 0), cfg));
    expect(counted.sort()).toEqual(["b-0", "b-1", "b-2"]);
  });
});

describe("facility days", () => {
  it("knows months, quarters and leap years", () => {
    expect(periodOf("2028-02-10", "month")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(periodOf("2027-05-10", "quarter")).toEqual({ start: "2027-04-01", end: "2027-06-30" });
    expect(periodOf("2027-05-10", "year")).toEqual({ start: "2027-01-01", end: "2027-12-31" });
  });
});
