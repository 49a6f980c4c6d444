import { readFile } from "node:fs/promises";
import { z } from "zod";
import { StationError } from "#station/errors.js";
import { scaleProtocols } from "./scale/codec.js";

/**
 * The station's device list, validated with zod. Every entry has a `kind`: how it is reached
 * ("hid", "serial", "tcp", "usb", "gpio") or "sim" for the wire-level simulator.
 * `{ "kind": "sim" }` alone gives the full simulated set used by the demo and the tests.
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "use lowercase letters, digits and dashes");
const Ms = z.number().int().nonnegative();
/** USB ids as JSON numbers or "0x0c2e"-style hex strings. */
const UsbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/)
    .transform((s) => Number.parseInt(s, 16)),
]);

const Serial = {
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(["none", "even", "odd"]).default("none"),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
};

export const ScannerEntrySchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: z.enum(["hid", "sim"]).default("hid"),
    mode: z.enum(["wedge", "pos"]).default("wedge"),
    match: z
      .object({
        vendorId: UsbId.optional(),
        productId: UsbId.optional(),
        serialNumber: z.string().optional(),
        path: z.string().optional(),
        usagePage: UsbId.optional(),
      })
      .strict()
      .default({}),
    suffix: z.enum(["enter", "tab", "enter-or-tab", "none"]).default("enter-or-tab"),
    interCharTimeoutMs: Ms.default(100),
    minLength: z.number().int().min(1).default(3),
    blankingMs: Ms.default(500),
    /** The scanner is set to send the AIM symbology identifier before each code (wedge mode). */
    aimPrefix: z.boolean().default(false),
    /** "libusb" detaches the kernel keyboard driver while open, keeping keystrokes out of the kiosk. */
    driver: z.enum(["hidraw", "libusb"]).default("hidraw"),
  })
  .strict();

export const ScaleEntrySchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: z.enum(["serial", "tcp", "sim"]).default("serial"),
    /** `/dev/vault-scale` (udev name) or `tcp://host:port` for kind "tcp". */
    path: z.string().min(1).optional(),
    protocol: z.enum(scaleProtocols),
    ...Serial,
    mode: z.enum(["poll", "stream"]).default("poll"),
    pollMs: z.number().int().min(20).default(250),
    timeoutMs: z.number().int().min(100).default(2000),
    stableWindowMs: Ms.default(1000),
    reconnectMs: z.number().int().min(100).default(2000),
  })
  .strict();

export const PrinterEntrySchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: z.enum(["serial", "tcp", "usb", "sim"]).default("tcp"),
    /** Serial device, `/dev/usb/lp0` for "usb", or `tcp://host:9100`. */
    path: z.string().min(1).optional(),
    ...Serial,
    xon: z.boolean().default(true),
    dpmm: z.union([z.literal(8), z.literal(12)]).default(8),
    statusTimeoutMs: z.number().int().min(100).default(2000),
    retries: z.number().int().min(0).max(10).default(2),
    retryDelayMs: Ms.default(1500),
    statusPollMs: Ms.default(30_000),
  })
  .strict();

export const DoorEntrySchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: z.enum(["gpio", "sim"]).default("gpio"),
    /** BCM line number (header pin 11 = BCM 17). */
    bcm: z.number().int().min(0).max(53).optional(),
    /** Overrides the detected gpiochip label, e.g. "pinctrl-rp1". */
    chipLabel: z.string().optional(),
    openLevel: z.union([z.literal(0), z.literal(1)]).default(1),
    debounceMs: Ms.default(50),
    /** The door held open longer than this raises the held-open alarm, ms. */
    heldOpenAlarmMs: z.number().int().min(1000).default(120_000),
  })
  .strict();

const needsPath = (e: { kind: string; path?: string | undefined }) =>
  e.kind === "sim" || e.kind === "gpio" || e.kind === "hid" || !!e.path;

export const DevicesConfigSchema = z
  .object({
    kind: z.enum(["sim", "hardware"]).default("hardware"),
    scanners: z.array(ScannerEntrySchema).default([]),
    scales: z
      .array(ScaleEntrySchema.refine(needsPath, { message: "path is required unless kind is sim", path: ["path"] }))
      .default([]),
    printers: z
      .array(PrinterEntrySchema.refine(needsPath, { message: "path is required unless kind is sim", path: ["path"] }))
      .default([]),
    doors: z
      .array(
        DoorEntrySchema.refine((d) => d.kind === "sim" || d.bcm !== undefined, {
          message: "bcm is required for a gpio door",
          path: ["bcm"],
        }),
      )
      .default([]),
  })
  .strict();

export type DevicesConfig = z.input<typeof DevicesConfigSchema>;
export type ParsedDevicesConfig = z.output<typeof DevicesConfigSchema>;
export type ScannerEntry = z.output<typeof ScannerEntrySchema>;
export type ScaleEntry = z.output<typeof ScaleEntrySchema>;
export type PrinterEntry = z.output<typeof PrinterEntrySchema>;
export type DoorEntry = z.output<typeof DoorEntrySchema>;

/** Validates a device list; the error names each bad key by its path ("scales.0.protocol"). */
export function parseDevicesConfig(input: unknown, source = "devices config"): ParsedDevicesConfig {
  const r = DevicesConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  throw new StationError(`${source} is invalid:\n  ${lines.join("\n  ")}`, "CONFIG_INVALID", {
    context: { issues: lines },
  });
}

/** Reads and validates a JSON device list file (e.g. firmware-config/devices.example.json). */
export async function loadDevicesConfig(file: string): Promise<ParsedDevicesConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new StationError(`cannot read device list ${file}: ${(e as Error).message}`, "CONFIG_INVALID", { cause: e });
  }
  return parseDevicesConfig(json, file);
}
