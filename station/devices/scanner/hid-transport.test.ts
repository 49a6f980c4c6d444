import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FakeHidBackend, watchHidraw } from "./hid-transport.js";

describe("watchHidraw", () => {
  it("calls back when a hidraw node appears or goes, and not for other nodes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dev-"));
    const seen = vi.fn();
    const stop = watchHidraw(dir)(seen);
    writeFileSync(join(dir, "ttyUSB0"), "");
    writeFileSync(join(dir, "hidraw3"), "");
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    const calls = seen.mock.calls.length;
    rmSync(join(dir, "hidraw3"));
    await vi.waitFor(() => expect(seen.mock.calls.length).toBeGreaterThan(calls));
    stop();
  });

  it("does nothing where the folder cannot be watched", () => {
    const stop = watchHidraw("/nonexistent-dev")(() => undefined);
    expect(() => stop()).not.toThrow();
  });
});

describe("FakeHidBackend", () => {
  it("refuses to open a device that is not plugged in, and errors an open one on unplug", async () => {
    const fake = new FakeHidBackend();
    await expect(fake.open("/dev/hidraw0")).rejects.toMatchObject({ code: "DEVICE_NOT_FOUND" });
    fake.plug({ path: "/dev/hidraw0", vendorId: 1, productId: 2 });
    const t = await fake.open("/dev/hidraw0");
    const err = vi.fn();
    t.onError(err);
    fake.unplug("/dev/hidraw0");
    expect(err).toHaveBeenCalledWith(expect.objectContaining({ message: "could not read from HID device" }));
    expect(fake.send("/dev/hidraw0", new Uint8Array(8))).toBe(false);
  });
});
