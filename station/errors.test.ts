import { describe, expect, it } from "vitest";
import { parseDevicesConfig } from "./devices/config.js";
import { configIssues, isRecoverable, reasonOf, StationError } from "./errors.js";

describe("StationError", () => {
  it("is the one class for device, store, bus and config failures, with a code and context", () => {
    const e = new StationError("scale did not confirm tare within 2000 ms", "DEVICE_TIMEOUT", {
      context: { scaleId: "scale-1" },
    });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: "StationError", code: "DEVICE_TIMEOUT", context: { scaleId: "scale-1" } });
    let thrown: unknown;
    try {
      parseDevicesConfig({ scales: [{ id: "scale-1", name: "x", path: "/dev/x", protocol: "nope" }] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StationError);
    expect((thrown as StationError).code).toBe("CONFIG_INVALID");
    expect(configIssues(thrown as StationError).join("\n")).toMatch(/^scales\.0\.protocol: /m);
  });

  it("calls what may pass recoverable (devices, disk, broker, hub), never bad config or unknown errors", () => {
    for (const code of [
      "DEVICE_DISCONNECTED",
      "DEVICE_TIMEOUT",
      "STORE_WRITE_FAILED",
      "MQTT_PUBLISH_FAILED",
      "HUB_NOT_ANSWERING",
    ] as const) {
      expect(isRecoverable(new StationError("x", code))).toBe(true);
    }
    expect(isRecoverable(new StationError("x", "CONFIG_INVALID"))).toBe(false);
    expect(isRecoverable(new StationError("x", "SCAN_REJECTED"))).toBe(false);
    expect(isRecoverable(new Error("x"))).toBe(false);
    expect(reasonOf("plain")).toBe("plain");
  });
});
