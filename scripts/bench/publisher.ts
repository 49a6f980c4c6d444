import mqtt from "mqtt";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";

/**
 * A load generator in its own process, standing in for vault stations: publishes COUNT valid scan
 * events at QoS 1 across STATIONS station ids as fast as the broker takes them, then prints
 * {"published": n, "ms": t} on stdout. Run: node --import tsx scripts/bench/publisher.ts URL COUNT STATIONS PREFIX
 */
const [url = "mqtt://127.0.0.1:1883", countArg = "100000", stationsArg = "4", prefix = "bench"] = process.argv.slice(2);
const count = Number(countArg);
const stations = Array.from({ length: Number(stationsArg) }, (_, i) => `${prefix}-${i + 1}`);

function scanEnvelope(stationId: string, n: number): string {
  const tag = `1A4060300012B7C${String(n % 100_000).padStart(9, "0")}`;
  return JSON.stringify({
    id: newId(),
    type: "scan",
    stationId,
    siteId: "bench-site",
    at: new Date().toISOString(),
    payload: {
      code: tag,
      scannerId: "scanner-1",
      classification: { kind: "metrc-tag", tag, form: "strict" },
      workflow: "count",
    },
  });
}

const messages = Array.from({ length: count }, (_, n) => {
  const stationId = stations[n % stations.length]!;
  return { topic: topics.event(stationId, "scan"), body: scanEnvelope(stationId, n) };
});

const client = await mqtt.connectAsync(url, { clientId: `${prefix}-publisher`, clean: true });
const started = performance.now();
const window = 2000;
let next = 0;
await Promise.all(
  Array.from({ length: window }, async () => {
    while (next < messages.length) {
      const m = messages[next++]!;
      await client.publishAsync(m.topic, m.body, { qos: 1 });
    }
  }),
);
const ms = performance.now() - started;
await client.endAsync();
process.stdout.write(`${JSON.stringify({ published: count, ms })}\n`);
