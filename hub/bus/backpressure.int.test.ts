import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync } from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "../config.js";
import { silentLog } from "../log.js";
import { startHub, type RunningHub } from "../main.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));

describe("a hub that falls behind", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-bp-"));
  let hub: RunningHub | undefined;
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds the broker back and still acks every event (no stall while its own acks wait)", async () => {
    // Tiny batches put the ingest past its high-water mark at once, so it holds incoming
    // messages while its acks (QoS 1) wait for their PUBACKs on the same connection.
    const cfg = loadConfig({
      HUB_PORT: "0",
      MQTT_PORT: "0",
      HUB_DATA_DIR: dir,
      HUB_INGEST_BATCH: "1",
      HUB_INGEST_FLUSH_MS: "20",
      LOG_LEVEL: "silent",
    });
    hub = await startHub(cfg, { log: silentLog() });
    const station = await connectAsync(hub.mqttUrl, { clientId: "station-vault-1" });
    const acked = new Set<string>();
    station.on("message", (_t, p) =>
      (JSON.parse(p.toString()) as { ids: string[] }).ids.forEach((id) => acked.add(id)),
    );
    await station.subscribeAsync(topics.ack("vault-1"), { qos: 1 });
    const events = Array.from({ length: 3_000 }, () => ({ ...scan, id: newId() }));
    await Promise.all(
      events.map((e) => station.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(e), { qos: 1 })),
    );
    const deadline = Date.now() + 20_000;
    while (acked.size < events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await station.endAsync();
    expect(acked.size).toBe(events.length);
    expect(hub.ingest.stats()).toMatchObject({ stored: events.length, pending: 0 });
  });
});
