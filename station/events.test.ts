import { describe, expect, it } from "vitest";
import { StationEvents } from "./events.js";
import { quietLog } from "./testing/helpers.js";

const read = { scaleId: "scale-1", grams: 12.5, stable: true, overload: false, at: new Date(0) };

describe("StationEvents", () => {
  it("hands each event to every subscriber in order, synchronously up to their first await", async () => {
    const events = new StationEvents(quietLog);
    const order: string[] = [];
    events.on("weight", async (w) => {
      order.push(`a:${w.grams}`);
      await Promise.resolve();
      order.push("a-done");
    });
    events.on("weight", (w) => void order.push(`b:${w.grams}`));
    const done = events.emit("weight", read);
    expect(order).toEqual(["a:12.5", "b:12.5"]);
    await done;
    expect(order).toEqual(["a:12.5", "b:12.5", "a-done"]);
  });

  it("keeps going when one subscriber throws or rejects, and stops calling one that unsubscribed", async () => {
    const events = new StationEvents(quietLog);
    const got: number[] = [];
    events.on("weight", () => {
      throw new Error("broken");
    });
    events.on("weight", async () => Promise.reject(new Error("also broken")));
    const off = events.on("weight", (w) => void got.push(w.grams));
    await expect(events.emit("weight", read)).resolves.toBeUndefined();
    off();
    await events.emit("weight", { ...read, grams: 1 });
    expect(got).toEqual([12.5]);
  });
});
