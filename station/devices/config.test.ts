import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DoorEntrySchema,
  parseDevicesConfig,
  PrinterEntrySchema,
  ScaleEntrySchema,
  ScannerEntrySchema,
} from "./config.js";

const root = new URL("../../firmware-config/", import.meta.url);
const json = (rel: string): unknown => JSON.parse(readFileSync(new URL(rel, root), "utf8"));
const profiles = (dir: string) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `${dir}${f}`);

describe("firmware-config profiles fit the device-list schema", () => {
  it("the example device list is valid", () => {
    const cfg = parseDevicesConfig(json("devices.example.json"));
    expect(cfg.scanners.map((s) => [s.id, s.match.vendorId])).toEqual([
      ["scanner-1", 0x0c2e],
      ["scanner-2", 0x0c2e],
    ]);
    expect(cfg.doors[0]).toMatchObject({ bcm: 17, openLevel: 1 });
  });
  it.each(profiles("scale/"))("%s", (f) => {
    expect(ScaleEntrySchema.safeParse(json(f)).error).toBeUndefined();
  });
  it.each(profiles("printer/"))("%s", (f) => {
    expect(PrinterEntrySchema.safeParse(json(f)).error).toBeUndefined();
  });
  it.each(profiles("scanner/"))("%s", (f) => {
    expect(ScannerEntrySchema.safeParse(json(f)).error).toBeUndefined();
  });
  it("gpio/pin-map.json door entry", () => {
    expect(DoorEntrySchema.safeParse((json("gpio/pin-map.json") as { door: unknown }).door).error).toBeUndefined();
  });
  it("has a profile for every scale family", () => {
    expect(
      profiles("scale/")
        .map((f) => (json(f) as { protocol: string }).protocol)
        .sort(),
    ).toEqual(["and", "mt-sics", "nci", "ohaus"]);
  });
});

describe("parseDevicesConfig errors", () => {
  it("names each bad key by path", () => {
    expect(() =>
      parseDevicesConfig({ scales: [{ id: "scale-1", name: "x", path: "/dev/x", protocol: "mt-sics", baudRate: -1 }] }),
    ).toThrow(/scales\.0\.baudRate/);
    expect(() => parseDevicesConfig({ printers: [{ id: "printer-1", name: "x", kind: "tcp" }] })).toThrow(
      /printers\.0\.path: path is required/,
    );
    expect(() => parseDevicesConfig({ scanners: [{ id: "Scanner 1", name: "x" }] })).toThrow(/scanners\.0\.id/);
    expect(() => parseDevicesConfig({ scanners: [], colour: "blue" })).toThrow(/colour|Unrecognized key/);
  });
  it("reads hex USB ids", () => {
    expect(
      parseDevicesConfig({ scanners: [{ id: "s-1", name: "x", match: { vendorId: "0x05E0", productId: 4608 } }] })
        .scanners[0]?.match,
    ).toEqual({ vendorId: 0x05e0, productId: 4608 });
  });
});
