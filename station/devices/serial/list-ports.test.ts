import { describe, expect, it } from "vitest";
import { listSerialPorts } from "./list-ports.js";

describe("listSerialPorts", () => {
  it("falls back to the /dev links when serialport cannot run udevadm", async () => {
    const ports = await listSerialPorts(
      async () => {
        throw new Error("spawn udevadm ENOENT");
      },
      async (p) =>
        p === "/dev/serial/by-id" ? ["usb-FTDI_FT232R_VLSCALE01-if00-port0"] : ["tty0", "vault-scale", "vault-printer"],
    );
    expect(ports).toEqual([
      { path: "/dev/serial/by-id/usb-FTDI_FT232R_VLSCALE01-if00-port0", source: "by-id" },
      { path: "/dev/vault-scale", source: "vault" },
      { path: "/dev/vault-printer", source: "vault" },
    ]);
  });

  it("keeps serialport's answer when it works", async () => {
    const ports = await listSerialPorts(
      async () => [{ path: "/dev/ttyUSB0", manufacturer: "FTDI" }],
      async () => {
        throw new Error("ENOENT");
      },
    );
    expect(ports).toEqual([{ path: "/dev/ttyUSB0", source: "serialport", manufacturer: "FTDI" }]);
  });

  it("does not throw on this machine", async () => {
    await expect(listSerialPorts()).resolves.toBeInstanceOf(Array);
  });
});
