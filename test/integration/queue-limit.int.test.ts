import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { topics } from "#contract/topics.js";
import { mosquittoBinary, startMosquitto } from "../support/mosquitto.js";
import {
  cleanUpAfterEach,
  eventually,
  planHub,
  runHub,
  runStation,
  storedEvents,
  tagFor,
  tempDir,
  uniqueStationId,
} from "../support/rig.js";

/**
 * Mosquitto keeps at most 1,000 queued QoS 1 messages per offline client by default and drops the
 * rest. Broker QoS is therefore no guarantee; the station's outbox, resent until the hub's ack,
 * is. This runs against a private Mosquitto with its default limits.
 */
const hasMosquitto = mosquittoBinary() !== undefined;
if (!hasMosquitto)
  console.warn("queue-limit suite skipped: the mosquitto binary is not installed (apt-get install mosquitto)");

const cleanups = cleanUpAfterEach();

describe.skipIf(!hasMosquitto)("Mosquitto's default queue limit", () => {
  it("is exceeded while the hub is away, and still nothing is lost or doubled", async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.close());
    const plan = await planHub();
    const stationId = uniqueStationId("queue");
    const eventTopic = topics.event(stationId, "scan");

    // A witness with a persistent session, like the hub's, counts what the broker keeps for it.
    const witnessId = `witness-${stationId}`;
    const witness = await mqtt.connectAsync(broker.url, { clientId: witnessId, clean: false });
    await witness.subscribeAsync(eventTopic, { qos: 1 });
    await witness.endAsync();

    // A live observer tells when the broker has taken every event.
    const observer = await mqtt.connectAsync(broker.url, { clientId: `observer-${stationId}`, clean: true });
    cleanups.push(() => observer.endAsync());
    await observer.subscribeAsync(eventTopic, { qos: 0 });
    const seen = new Set<string>();
    observer.on("message", (_t, body) => seen.add((JSON.parse(body.toString()) as { id: string }).id));

    const hub = await runHub(plan, { MQTT_URL: broker.url });
    await hub.stop();

    const data = tempDir("vaultline-int-station-");
    cleanups.push(data.remove);
    const count = 5_000;
    const station = await runStation({
      STATION_ID: stationId,
      STATION_DATA_DIR: data.dir,
      MQTT_URL: broker.url,
      OUTBOX_WINDOW: String(count),
      OUTBOX_RESEND_MS: "3000",
    });
    cleanups.push(() => station.stop());
    for (let i = 0; i < count; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, k) => station.recordScan(tagFor(i + k), "scanner-1")));
    }
    await eventually(() => seen.size >= count, 30_000, "every event published to the broker");

    let kept = 0;
    const back = await mqtt.connectAsync(broker.url, { clientId: witnessId, clean: false });
    back.on("message", () => {
      kept++;
    });
    await new Promise((r) => setTimeout(r, 1_500));
    await back.endAsync();
    // max_queued_messages (1,000) plus max_inflight_messages (20) per offline session: the rest were dropped.
    expect(kept, "messages the broker kept for an offline session").toBeLessThanOrEqual(1_020);
    expect(kept).toBeGreaterThan(0);

    const again = await runHub(plan, { MQTT_URL: broker.url });
    cleanups.push(() => again.stop());
    await eventually(() => station.outboxDepth() === 0, 90_000, "the outbox to drain");
    const stored = await storedEvents(again, stationId);
    expect(stored).toHaveLength(count);
    expect(new Set(stored.map((e) => e.code)).size).toBe(count);
  });
});
