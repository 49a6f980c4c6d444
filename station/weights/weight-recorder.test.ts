import { describe, expect, it } from "vitest";
import { eventSchemas } from "#contract/messages.js";
import { manualClock } from "#station/clock.js";
import { quietLog } from "#station/testing/helpers.js";
import { WeightRecorder, type WeightEnvelope } from "./weight-recorder.js";

function setup(opts: { receiving?: boolean; failWrites?: boolean } = {}) {
  const written: WeightEnvelope[] = [];
  const recorder = new WeightRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock: manualClock(),
    log: quietLog,
    outbox: {
      append: async (env) => {
        if (opts.failWrites) throw new Error("EIO");
        written.push(env);
      },
    },
    employeeId: () => "emp-001",
    workflowOwnsScale: () => opts.receiving ?? false,
  });
  const read = (grams: number, stable = true) =>
    recorder.onWeight({ scaleId: "scale-1", grams, stable, overload: false, raw: `S S ${grams} g`, at: new Date() });
  return { recorder, written, read };
}

describe("WeightRecorder", () => {
  it("records each new stable weight once, as a contract-valid event with the scale's raw line", async () => {
    const { written, read } = setup();
    await read(12.3, false);
    await read(12.34);
    await read(12.34);
    await read(12.345);
    await read(0);
    expect(written.map((e) => e.payload.grams)).toEqual([12.34, 0]);
    expect(eventSchemas.weight.safeParse(written[0]).success).toBe(true);
    expect(written[0]).toMatchObject({
      employeeId: "emp-001",
      payload: { scaleId: "scale-1", stable: true, raw: "S S 12.34 g" },
    });
  });

  it("leaves weighings to receiving while a manifest is open", async () => {
    const { written, read } = setup({ receiving: true });
    await read(453.6);
    expect(written).toEqual([]);
  });

  it("records the weight again after a failed write", async () => {
    const failing = setup({ failWrites: true });
    await expect(failing.read(5)).rejects.toThrow("EIO");
    const ok = setup();
    await ok.read(5);
    expect(ok.written).toHaveLength(1);
  });
});
