import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { SerialPortMock } from "serialport";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "#station/clock.js";
import { deviceFileTransport, type PortClass, serialTransport } from "../serial/byte-transport.js";
import { encodeHostStatus } from "./host-status.js";
import { shelfLabel } from "./templates.js";
import { type PrinterConfig, ZebraPrinter } from "./zebra-printer.js";

const log = pino({ level: "silent" });
const MockBinding = SerialPortMock.binding;
const config: PrinterConfig = {
  id: "printer-1",
  name: "Vault printer",
  statusTimeoutMs: 300,
  retries: 0,
  retryDelayMs: 0,
  statusPollMs: 0,
};
const zpl = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" }).toString();
let ports: SerialPortMock[] = [];
const timers: NodeJS.Timeout[] = [];

class SpyPort extends SerialPortMock {
  constructor(opts: ConstructorParameters<typeof SerialPortMock>[0]) {
    super(opts);
    ports.push(this);
  }
}

/** Answers each ~HS written to the mock port with the given status, like the printer's firmware. */
function answerStatus(status: Parameters<typeof encodeHostStatus>[0] = {}): void {
  let answered = 0;
  timers.push(
    setInterval(() => {
      const p = ports.at(-1)?.port;
      if (!p || !ports.at(-1)!.isOpen) return;
      const asked = p.recording.toString("latin1").split("~HS").length - 1;
      for (; answered < asked; answered++) p.emitData(Buffer.from(encodeHostStatus(status), "latin1"));
    }, 5),
  );
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  timers.splice(0).forEach(clearInterval);
  MockBinding.reset();
  ports = [];
});

describe("ZebraPrinter over SerialPortMock", () => {
  it("writes ~HS, the format, then ~HS, in that order", async () => {
    MockBinding.createPort("/dev/vault-printer-serial", { echo: false, record: true });
    const printer = new ZebraPrinter({
      open: serialTransport(
        "/dev/vault-printer-serial",
        { baudRate: 9600, xon: true },
        SpyPort as unknown as PortClass,
      ),
      config,
      log,
      clock: systemClock,
    });
    answerStatus();
    await expect(printer.print({ id: "j1", template: "shelf", zpl })).resolves.toMatchObject({ ok: true });
    expect(ports[0]!.port?.recording.toString("utf8")).toBe(`~HS${zpl}~HS`);
  });

  it("reports the ribbon out from the reply and keeps the job", async () => {
    MockBinding.createPort("/dev/vault-printer-serial", { echo: false, record: true });
    const printer = new ZebraPrinter({
      open: serialTransport("/dev/vault-printer-serial", { baudRate: 9600 }, SpyPort as unknown as PortClass),
      config,
      log,
      clock: systemClock,
    });
    answerStatus({ ribbonOut: true });
    await expect(printer.print({ id: "j2", template: "shelf", zpl })).rejects.toThrow(/ribbon out before the job/);
    expect(printer.failed().map((j) => j.id)).toEqual(["j2"]);
  });

  it("shows a port that closes mid-job as a lost connection", async () => {
    MockBinding.createPort("/dev/vault-printer-serial", { echo: false, record: true });
    const printer = new ZebraPrinter({
      open: serialTransport("/dev/vault-printer-serial", { baudRate: 9600 }, SpyPort as unknown as PortClass),
      config: { ...config, statusTimeoutMs: 2000 },
      log,
      clock: systemClock,
    });
    timers.push(setTimeout(() => ports.at(-1)?.close(), 30));
    await expect(printer.print({ id: "j3", template: "shelf", zpl })).rejects.toThrow(/connection lost/);
  });
});

describe("ZebraPrinter on a USB printer device file", () => {
  it("sends nothing but the status request to a printer that never answers, and reports it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lp-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "lp0");
    writeFileSync(file, "");
    const printer = new ZebraPrinter({ open: deviceFileTransport(file), config, log, clock: systemClock });
    await expect(printer.print({ id: "j4", template: "shelf", zpl })).rejects.toThrow(/did not answer ~HS/);
    expect(readFileSync(file, "latin1")).toBe("~HS");
    expect(printer.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/did not answer/) });
  });

  it("reports a missing device node as disconnected", async () => {
    const printer = new ZebraPrinter({
      open: deviceFileTransport("/dev/usb/lp-missing"),
      config,
      log,
      clock: systemClock,
    });
    await expect(printer.print({ id: "j5", template: "shelf", zpl })).rejects.toThrow(
      /cannot open \/dev\/usb\/lp-missing/,
    );
    expect(printer.status().state).toBe("disconnected");
  });
});
