import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { classifyBarcode } from "#contract/barcode.js";
import { newId } from "#contract/ids.js";
import type { ScanEnvelope } from "#station/scans/recorder.js";

/** A logger that writes nothing, for tests. */
export const quietLog: Logger = pino({ level: "silent" });

/** A fresh temporary folder and a cleanup for it. */
export async function tempDir(prefix = "vaultline-station-"): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A schema-valid scan envelope for store and bus tests, the code classified as the recorder would. */
export function scanEnvelope(code = "1A4060300002199000003445", over: Partial<ScanEnvelope> = {}): ScanEnvelope {
  return {
    id: newId(),
    type: "scan",
    stationId: "vault-1",
    siteId: "test-site",
    at: new Date().toISOString(),
    payload: { code, scannerId: "scanner-1", classification: classifyBarcode(code), workflow: "idle" },
    ...over,
  };
}
