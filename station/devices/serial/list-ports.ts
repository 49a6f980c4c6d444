import { readdir } from "node:fs/promises";

/** A serial port worth offering to the installer. */
export interface SerialPortCandidate {
  path: string;
  /** Where the name came from: serialport's udev listing, a by-id link, or a vault-* udev name. */
  source: "serialport" | "by-id" | "vault";
  manufacturer?: string;
}

/**
 * Lists serial ports for the probe's hints. serialport's `list()` runs `udevadm info -e` on
 * Linux and throws where udev is absent (containers: "spawn udevadm ENOENT"), so its failure
 * falls back to the udev links in /dev. Never used to pick a port: paths come from the device list.
 */
export async function listSerialPorts(
  list: () => Promise<{ path: string; manufacturer?: string }[]> = async () =>
    (await import("serialport")).SerialPort.list(),
  dir: (path: string) => Promise<string[]> = (p) => readdir(p),
): Promise<SerialPortCandidate[]> {
  const out: SerialPortCandidate[] = [];
  try {
    for (const p of await list())
      out.push(
        p.manufacturer
          ? { path: p.path, source: "serialport", manufacturer: p.manufacturer }
          : { path: p.path, source: "serialport" },
      );
  } catch {
    // udevadm missing: the /dev links below are what the installer needs anyway.
  }
  const byId = await dir("/dev/serial/by-id").catch(() => [] as string[]);
  out.push(...byId.map((n) => ({ path: `/dev/serial/by-id/${n}`, source: "by-id" as const })));
  const vault = (await dir("/dev").catch(() => [] as string[])).filter((n) => n.startsWith("vault-"));
  out.push(...vault.map((n) => ({ path: `/dev/${n}`, source: "vault" as const })));
  return out;
}
