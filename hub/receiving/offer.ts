/**
 * Offers one site's open manifests to that site's stations, and to no other site's, with the
 * `manifests` command: a full list each time (a manifest missing from it is withdrawn at the
 * station). Sent when the list changes (after a state-system sync, when the vault finishes one)
 * and to a station when it comes online.
 */
import { createHash } from "node:crypto";
import { newId } from "#contract/ids.js";
import { commandSchemas } from "#contract/messages.js";
import type { Manifest } from "#contract/receiving.js";
import { topics } from "#contract/topics.js";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import { openManifests, type ManifestOptions } from "./manifests.js";
import type { Db } from "#hub/store/database.js";

/**
 * Largest command sent, bytes. Mosquitto's default message_size_limit lets 256 KiB through and
 * the station's client the same; manifests past it wait for the next offer (logged).
 */
export const MAX_COMMAND_BYTES = 240_000;

export interface OfferDeps extends ManifestOptions {
  db: Db;
  /** The site whose manifests these are. */
  site: string;
  log: Log;
  clock: Pick<Clock, "now">;
  /** QoS 1 publish to a station topic. */
  publish(topic: string, payload: string): Promise<void>;
  /** Ids of the site's stations online now. */
  onlineStations(): Promise<string[]>;
}

export interface Offer {
  /** Sends the list to every online station when it changed since the last send (or `force`). */
  refresh(opts?: { force?: boolean }): Promise<{ sent: boolean; manifests: number }>;
  /** Sends the current list to one station (it just came online or restarted). */
  sendTo(stationId: string): Promise<void>;
}

function fitting(manifests: Manifest[], log: Log): Manifest[] {
  const out = [...manifests];
  while (out.length > 0 && Buffer.byteLength(JSON.stringify({ manifests: out })) > MAX_COMMAND_BYTES) out.pop();
  if (out.length < manifests.length) {
    log.warn(
      { withheld: manifests.slice(out.length).map((m) => m.manifestNumber), code: "MQTT_PUBLISH" },
      "manifests past the command size limit wait for the next offer",
    );
  }
  return out;
}

export function createOffer(deps: OfferDeps): Offer {
  let lastHash: string | null = null;

  async function current(): Promise<Manifest[]> {
    const { manifests, skipped } = await openManifests(deps.db, deps.site, deps);
    if (skipped.length > 0)
      deps.log.warn(
        { site: deps.site, skipped, code: "MANIFEST_LINE_SKIPPED" },
        "manifest lines the contract cannot carry were left out",
      );
    return fitting(manifests, deps.log);
  }

  async function send(stationId: string, manifests: Manifest[]): Promise<void> {
    const cmd = commandSchemas.manifests.parse({
      id: newId(),
      name: "manifests",
      at: new Date(deps.clock.now()).toISOString(),
      payload: { manifests },
    });
    await deps.publish(topics.command(stationId, "manifests"), JSON.stringify(cmd));
  }

  return {
    async refresh(opts = {}) {
      const manifests = await current();
      const hash = createHash("sha256").update(JSON.stringify(manifests)).digest("hex");
      if (hash === lastHash && !opts.force) return { sent: false, manifests: manifests.length };
      const stations = await deps.onlineStations();
      for (const id of stations) await send(id, manifests);
      lastHash = hash;
      deps.log.info({ site: deps.site, stations: stations.length, manifests: manifests.length }, "manifests offered");
      return { sent: true, manifests: manifests.length };
    },
    async sendTo(stationId) {
      await send(stationId, await current());
    },
  };
}
