import { join } from "node:path";
import type { Logger } from "pino";
import type { BarcodeClass } from "#contract/barcode.js";
import type { Employee } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import type { Clock } from "#station/clock.js";
import type { Devices } from "#station/devices/index.js";
import type { LiveFeed } from "#station/scans/live-feed.js";
import { loadReceivingConfig, type ReceivingConfig } from "./config.js";
import { Receiving } from "./service.js";
import { replicaFileView } from "./shelves.js";

/** What receiving is built from: the station's stores, sign-in and devices. */
export interface ReceivingParts {
  log: Logger;
  clock: Clock;
  outbox: { append(env: Envelope): Promise<void> };
  replica: { employeeById(id: string): Employee | undefined };
  signIn: { view(): { signedIn: { employeeId: string; name: string } | null } };
  devices: Pick<Devices, "printer">;
}

/**
 * Opens receiving in `cfg.dataDir` (`receiving.journal`; shelves and manifests read from
 * `replica.json`) and resumes an interrupted manifest. Settings come from RECEIVE_* variables.
 */
export function openReceiving(
  cfg: { dataDir: string; stationId: string; siteId: string },
  p: ReceivingParts,
  config: ReceivingConfig = loadReceivingConfig(process.env),
): Promise<Receiving> {
  const log = p.log.child({ mod: "receive" });
  const replica = replicaFileView({ file: join(cfg.dataDir, "replica.json"), notShelves: [config.quarantineLocation, ...config.notShelves], log });
  return Receiving.open({
    stationId: cfg.stationId, siteId: cfg.siteId, clock: p.clock, log, file: join(cfg.dataDir, "receiving.journal"),
    outbox: p.outbox, manifests: () => replica.manifests(), shelves: replica, printer: () => p.devices.printer(), config,
    person: () => {
      const s = p.signIn.view().signedIn;
      const e = s ? p.replica.employeeById(s.employeeId) : undefined;
      return s && e?.active ? { employeeId: s.employeeId, name: s.name, role: e.role } : null;
    },
  });
}

/**
 * Feeds receiving: every recorded scan (already fsynced in the outbox, whichever scanner read
 * it) and every scale reading (the workflow keeps only stable ones).
 */
export function wireReceiving(receiving: Receiving, p: { feed: LiveFeed; devices: Pick<Devices, "events">; log: Logger }): void {
  p.feed.events.on("scan", (row: { id: string; at: string; code: string; classification: BarcodeClass }) => {
    void receiving.onScan(row).then((out) => {
      // The scan itself is safe in the outbox; say plainly that the manifest did not take it.
      if (!out.ok) p.feed.showBanner({ level: "error", text: `Scan ${row.code} recorded, but NOT added to the manifest: ${out.reason}. Scan it again.`, sound: true });
    });
  });
  p.devices.events.on("weight", (read) => {
    receiving.onWeight(read).catch((err: unknown) => p.log.error({ err }, "weight not applied to receiving"));
  });
}
