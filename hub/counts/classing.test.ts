import { describe, expect, it } from "vitest";
import { classifyItems, type ItemFacts } from "./classing.js";
import { defaultCountsConfig } from "./config.js";

const item = (itemId: string, over: Partial<ItemFacts> = {}): ItemFacts => ({
  itemId,
  category: "edible",
  unitsPerDay: 0,
  unitValue: 0,
  onHand: 0,
  ...over,
});

describe("ABC classing", () => {
  it("puts the fastest sellers in A, the slow ones in C, by the configured shares", () => {
    const items = Array.from({ length: 10 }, (_, i) => item(`item-${i}`, { unitsPerDay: i, unitValue: 10, onHand: 5 }));
    const out = classifyItems(items, defaultCountsConfig);
    const byId = new Map(out.map((c) => [c.itemId, c.class]));
    // 20 % of 10 items are A, 30 % B, the rest C.
    expect(out.filter((c) => c.class === "A").map((c) => c.itemId)).toEqual(["item-9", "item-8"]);
    expect(out.filter((c) => c.class === "B")).toHaveLength(3);
    expect(byId.get("item-0")).toBe("C");
  });

  it("weighs value and diversion risk: slow but costly flower outranks a fast cheap topical", () => {
    const out = classifyItems(
      [
        item("topical", { category: "topical", unitsPerDay: 10, unitValue: 1, onHand: 10 }),
        item("flower", { category: "flower", unitsPerDay: 4, unitValue: 60, onHand: 40 }),
        ...Array.from({ length: 8 }, (_, i) => item(`filler-${i}`)),
      ],
      defaultCountsConfig,
    );
    expect(out[0]).toMatchObject({ itemId: "flower", class: "A", risk: 1, value: 1 });
    expect(out[1]).toMatchObject({ itemId: "topical", class: "A", velocity: 1 });
  });

  it("follows configured weights: velocity alone", () => {
    const cfg = { ...defaultCountsConfig, weights: { velocity: 1, value: 0, risk: 0 } };
    const out = classifyItems(
      [
        item("fast-topical", { category: "topical", unitsPerDay: 9 }),
        item("slow-flower", { category: "flower", unitsPerDay: 1, unitValue: 99, onHand: 99 }),
        ...Array.from({ length: 8 }, (_, i) => item(`filler-${i}`)),
      ],
      cfg,
    );
    expect(out[0]!.itemId).toBe("fast-topical");
    expect(out.find((c) => c.itemId === "slow-flower")!.score).toBeCloseTo(1 / 9);
  });

  it("classes items that never sold by risk alone, and ties by id", () => {
    const out = classifyItems([item("b", { category: "vape" }), item("a", { category: "vape" })], {
      ...defaultCountsConfig,
      classShares: { a: 50, b: 50 },
    });
    expect(out.map((c) => [c.itemId, c.class])).toEqual([
      ["a", "A"],
      ["b", "B"],
    ]);
  });
});
