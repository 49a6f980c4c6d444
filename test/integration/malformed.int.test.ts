import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { exampleText } from "#contract/examples/index.js";
import { topics } from "#contract/topics.js";
import {
  brokerName,
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
 * Bad input on any station topic: the hub sets it aside in the dead-letter table with the topic and
 * the reason, counts it, and goes on; the station ignores a bad command and goes on.
 */
const cleanups = cleanUpAfterEach();

describe(`malformed messages over ${brokerName}`, () => {
  it("are dead-lettered with their reason while hub and station keep working", async () => {
    const plan = await planHub();
    const hub = await runHub(plan);
    cleanups.push(() => hub.stop());
    const stationId = uniqueStationId("bad");
    const data = tempDir("vaultline-int-station-");
    cleanups.push(data.remove);
    const station = await runStation({ STATION_ID: stationId, STATION_DATA_DIR: data.dir, MQTT_URL: plan.mqttUrl });
    cleanups.push(() => station.stop());

    const intruder = await mqtt.connectAsync(plan.mqttUrl, { clientId: `intruder-${stationId}` });
    cleanups.push(() => intruder.endAsync());
    const scan = JSON.parse(exampleText("scan")) as Record<string, unknown>;
    const bad: Array<[topic: string, body: string, reason: RegExp]> = [
      [topics.event(stationId, "scan"), "{not json", /not JSON/],
      [topics.event(stationId, "scan"), JSON.stringify({ ...scan, stationId, payload: { code: "" } }), /payload/],
      [topics.event(stationId, "scan"), JSON.stringify(scan), /differs from topic station/],
      [`vault/v1/station/${stationId}/event/teleport`, JSON.stringify({ ...scan, stationId }), /unknown event type/],
      [topics.state(stationId), "\u0000\u0001binary", /not JSON/],
    ];
    const before = hub.ingest.stats().deadLettered;
    for (const [topic, body] of bad) await intruder.publishAsync(topic, body, { qos: 1 });
    await eventually(
      () => hub.ingest.stats().deadLettered >= before + bad.length,
      10_000,
      "every bad message dead-lettered",
    );

    const rows = await hub.db
      .selectFrom("dead_letters")
      .selectAll()
      .where("topic", "like", `%/${stationId}/%`)
      .execute();
    expect(rows).toHaveLength(bad.length);
    for (const [topic, , reason] of bad) {
      expect(
        rows.some((r) => r.topic === topic && reason.test(String(r.reason))),
        `${topic} ${reason}`,
      ).toBe(true);
    }

    // A bad command at the station is refused there, and the station keeps recording.
    await intruder.publishAsync(topics.command(stationId, "catalog"), '{"mode":"explode"}', { qos: 1 });
    await station.recordScan(tagFor(42), "scanner-1");
    await eventually(
      async () => (await storedEvents(hub, stationId)).some((e) => e.code === tagFor(42)),
      10_000,
      "a good scan after the bad ones",
    );
    const health = (await (await fetch(`${hub.url}/api/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    expect((await fetch(`${station.url}/api/status`)).status).toBe(200);
  });
});
