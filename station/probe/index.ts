import { doorUsage, probeDoor } from "./probe-door.js";
import { printerUsage, probePrinter } from "./probe-printer.js";
import { probeScale, scaleUsage } from "./probe-scale.js";
import { probeScanner, scannerUsage } from "./probe-scanner.js";
import { StationError } from "#station/errors.js";
import { EXIT, type ProbeIo } from "./io.js";

export type { ProbeIo } from "./io.js";

const PROBES: Record<string, { run: (args: string[], io: ProbeIo) => Promise<number>; usage: string }> = {
  scale: { run: probeScale, usage: scaleUsage },
  printer: { run: probePrinter, usage: printerUsage },
  scanner: { run: probeScanner, usage: scannerUsage },
  door: { run: probeDoor, usage: doorUsage },
};

/**
 * `vaultline-station probe <scale|printer|scanner|door> …`, the installer's bring-up tool.
 * `argv` starts after "probe". Results go to `io.out` as JSON lines, messages to `io.err`.
 * @returns the exit code: 0 works, 1 the device failed, 2 bad command line.
 */
export async function runProbe(argv: string[], io: ProbeIo): Promise<number> {
  const [device, ...rest] = argv;
  const probe = device ? PROBES[device] : undefined;
  if (!probe) {
    io.err(
      `usage: vaultline-station probe <scale|printer|scanner|door> …\n  ${Object.values(PROBES)
        .map((p) => p.usage)
        .join("\n  ")}`,
    );
    return EXIT.usage;
  }
  try {
    return await probe.run(rest, io);
  } catch (e) {
    if (
      (e instanceof StationError && e.code === "USAGE_INVALID") ||
      (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`${(e as Error).message}\nusage: vaultline-station ${probe.usage}`);
      return EXIT.usage;
    }
    io.err(`probe ${device} failed: ${(e as Error).message}`);
    return EXIT.device;
  }
}
