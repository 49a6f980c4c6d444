import { parseArgs } from "node:util";
import { pino } from "pino";
import { systemClock } from "#station/clock.js";
import { problems } from "#station/devices/label-printer/host-status.js";
import { shelfLabel } from "#station/devices/label-printer/templates.js";
import { ZebraPrinter } from "#station/devices/label-printer/zebra-printer.js";
import {
  deviceFileTransport,
  type OpenTransport,
  serialTransport,
  tcpTransport,
} from "#station/devices/serial/byte-transport.js";
import { EXIT, intOption, type ProbeIo, usageError } from "./io.js";

export const printerUsage = "probe printer --port PATH|tcp://HOST[:9100]|/dev/usb/lpN [--baud N] [--test-label]";

function transport(port: string, baud: number, io: ProbeIo): OpenTransport {
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(port);
  if (tcp) return tcpTransport(tcp[1]!, Number(tcp[2] ?? 9100));
  if (port.startsWith("/dev/usb/lp")) return deviceFileTransport(port);
  return serialTransport(port, { baudRate: baud, xon: true }, io.deps?.serialPort);
}

/**
 * Asks ~HS and prints `{"ready": true, "problems": [], "raw": "..."}`; with --test-label also
 * prints a shelf label reading "PROBE" and reports the job. Exit 1 when not ready or silent.
 */
export async function probePrinter(args: string[], io: ProbeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { port: { type: "string" }, baud: { type: "string" }, "test-label": { type: "boolean" } },
  });
  if (!values.port) throw usageError("--port is required (serial path, /dev/usb/lpN or tcp://host:9100)");
  const printer = new ZebraPrinter({
    open: transport(values.port, intOption(values.baud, "baud") ?? 9600, io),
    log: pino({ level: "silent" }),
    clock: io.deps?.clock ?? systemClock,
    config: { id: "probe", name: values.port, statusTimeoutMs: 2000, retries: 0, retryDelayMs: 0, statusPollMs: 0 },
  });
  try {
    const s = await printer.checkStatus();
    io.out(JSON.stringify({ ready: true, problems: problems(s), raw: s.raw }));
  } catch (e) {
    io.out(JSON.stringify({ ready: false, problems: [(e as Error).message] }));
    return EXIT.device;
  }
  if (!values["test-label"]) return EXIT.ok;
  const zpl = shelfLabel({ locationCode: "PROBE", locationName: "Printer probe" }).toString();
  try {
    const r = await printer.print({ id: "probe", template: "shelf", label: "PROBE", zpl });
    io.out(JSON.stringify({ printed: r.ok }));
    return EXIT.ok;
  } catch (e) {
    io.out(JSON.stringify({ printed: false, error: (e as Error).message }));
    return EXIT.device;
  }
}
