import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { classifyBarcode } from "#contract/barcode.js";
import { newId } from "#contract/ids.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import type { ScanEnvelope } from "#station/scans/recorder.js";
import type { AppDeps } from "#station/web/deps.js";

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

/**
 * The kiosk app's dependencies for a workflow's route tests: station vault-1 at site "s", nobody
 * signed in, the hub connected, an empty outbox and no devices; `over` on top.
 */
export function kioskDeps(over: Record<string, unknown> = {}): AppDeps {
  return {
    stationId: "vault-1",
    siteId: "s",
    version: "0",
    log: quietLog,
    feed: new LiveFeed(),
    signIn: { view: () => ({ signedIn: null, prompt: null }), touch: () => undefined },
    hub: () => ({ connected: true, lastAckAt: null }),
    outboxDepth: () => 0,
    devices: { statuses: () => [] },
    ...over,
  } as unknown as AppDeps;
}
