import type { Logger } from "pino";

/** Hex dump used for every frame log line, so the format is the same for all devices. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString("hex")
    .replace(/(..)(?!$)/g, "$1 ");
}

/**
 * Logs frames at debug level; the hex string is built only when debug is enabled.
 */
export function frameLog(log: Logger): { rx(bytes: Uint8Array): void; tx(bytes: Uint8Array): void } {
  return {
    rx: (bytes) => {
      if (log.isLevelEnabled("debug")) log.debug({ rx: hex(bytes) }, "rx");
    },
    tx: (bytes) => {
      if (log.isLevelEnabled("debug")) log.debug({ tx: hex(bytes) }, "tx");
    },
  };
}
