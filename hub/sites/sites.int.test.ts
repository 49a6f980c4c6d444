/**
 * Two sites on one hub, over the embedded broker (aedes): each station names its site in its
 * envelopes; each site's manifests reach that site's station and no other, and a receive event
 * lands at the station's site.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { commandSchemas, StationStatus } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "#hub/config.js";
import { latestDeadLetters } from "#hub/ledger/dead-letters.js";
import { silentLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { receivingModule } from "#hub/receiving/module.js";
import type { ReceivingService } from "#hub/receiving/service.js";
import { decision, receiveEvent, seedItems, seedTransfer } from "#hub/testing/receiving-kit.js";
import { twoSitesEnv } from "#hub/testing/sites-kit.js";

const state = StationStatus.parse(loadExample("state"));
const OAK_MANIFEST = "0000900101";
const DEN_MANIFEST = "0000900202";
const OAK_TAG = "1A4060300012B7C000901001";
const DEN_TAG = "1A4060300012B7C000902001";

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Station {
  id: string;
  client: MqttClient;
  /** Manifest numbers of each `manifests` command received, in order. */
  offers: string[][];
}

describe("one hub, two sites, over the embedded broker", () => {
  let dir: string;
  let hub: RunningHub;
  let receiving: ReceivingService | undefined;
  const stations: Station[] = [];

  async function connect(id: string, siteId: string): Promise<Station> {
    const client = await connectAsync(hub.mqttUrl, { clientId: `station-${id}`, clean: true, keepalive: 5 });
    const s: Station = { id, client, offers: [] };
    client.on("message", (topic, payload) => {
      if (topic !== topics.command(id, "manifests")) return;
      s.offers.push(
        commandSchemas.manifests.parse(JSON.parse(payload.toString())).payload.manifests.map((m) => m.manifestNumber),
      );
    });
    await client.subscribeAsync(topics.stationInbox(id), { qos: 1 });
    await client.publishAsync(topics.state(id), JSON.stringify({ ...state, id: newId(), stationId: id, siteId }), {
      qos: 1,
      retain: true,
    });
    stations.push(s);
    return s;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-sites-int-"));
    const cfg = loadConfig({
      HUB_PORT: "0",
      MQTT_PORT: "0",
      HUB_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      HUB_SITES: twoSitesEnv(),
      HUB_STATION_STALE_MS: "600000",
    });
    hub = await startHub(cfg, {
      log: silentLog(),
      beforeStart: async (db) => {
        for (const [site, manifest, label] of [
          ["oakland", OAK_MANIFEST, OAK_TAG],
          ["denver", DEN_MANIFEST, DEN_TAG],
        ] as const) {
          await seedItems(db, site);
          await seedTransfer(db, {
            site,
            manifest,
            packages: [{ label, stateId: "5001", itemName: "Blue Dream 3.5g", quantity: 48, unit: "Each" }],
          });
        }
      },
      modules: [receivingModule({ everyMs: 3_600_000, onStarted: (s) => void (receiving = s) })],
    });
  });
  afterAll(async () => {
    for (const s of stations) await s.client.endAsync(true);
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends each site's manifests to that site's station only, and nothing to a station of a site it does not serve", async () => {
    const oak = await connect("vault-oak", "oakland");
    const den = await connect("vault-den", "denver");
    const stray = await connect("vault-boulder", "boulder");
    await until(() => oak.offers.length > 0 && den.offers.length > 0);
    await receiving!.pass();
    await receiving!.settled();
    expect(oak.offers.flat()).toEqual(expect.arrayContaining([OAK_MANIFEST]));
    expect(oak.offers.flat()).not.toContain(DEN_MANIFEST);
    expect(den.offers.flat()).toEqual(expect.arrayContaining([DEN_MANIFEST]));
    expect(den.offers.flat()).not.toContain(OAK_MANIFEST);
    expect(stray.offers).toEqual([]);
    const dead = await until(async () =>
      (await latestDeadLetters(hub.db, 10)).find((d) => d.topic === topics.state("vault-boulder")),
    );
    expect(dead.reason).toMatch(/site "boulder" is not served by this hub/);
    const stationsOf = async (site: string) =>
      ((await (await fetch(`${hub.url}/api/stations?site=${site}`)).json()) as Array<{ id: string }>).map((s) => s.id);
    expect([await stationsOf("oakland"), await stationsOf("denver")]).toEqual([["vault-oak"], ["vault-den"]]);
  });

  it("applies a station's receive event to its own site: the manifest is withdrawn there only", async () => {
    const [oak, den] = stations;
    const e = {
      ...receiveEvent(
        { action: "completed", manifestNumber: DEN_MANIFEST, receivingId: "r-den", lines: [decision(DEN_TAG)] },
        { stationId: "vault-den", siteId: "denver" },
      ),
    };
    const denOffers = den!.offers.length;
    const oakOffers = oak!.offers.length;
    await den!.client.publishAsync(topics.event("vault-den", "receive"), JSON.stringify(e), { qos: 1 });
    await until(() => den!.offers.length > denOffers && den!.offers.at(-1)!.length === 0);
    await receiving!.settled();
    const lines = await hub.db.selectFrom("receiving_lines").select(["site_id", "manifest_number", "label"]).execute();
    expect(lines).toEqual([{ site_id: "denver", manifest_number: DEN_MANIFEST, label: DEN_TAG }]);
    const pkg = (await (await fetch(`${hub.url}/api/packages/${DEN_TAG}?site=denver`)).json()) as {
      site: string;
      status: string;
    };
    expect(pkg).toMatchObject({ site: "denver", status: "active" });
    expect((await fetch(`${hub.url}/api/packages/${DEN_TAG}?site=oakland`)).status).toBe(404);
    // Oakland's list did not change, so its station was sent nothing new.
    expect(oak!.offers.length).toBe(oakOffers);
  });
});
