import { createServer, type AddressInfo, type Server } from "node:net";
import { Aedes } from "aedes";
import { connectAsync, type MqttClient } from "mqtt";
import { topics } from "#contract/topics.js";

/** An in-process aedes broker on a free port, for tests that need a real MQTT broker. */
export async function startBroker(): Promise<{ url: string; broker: Aedes; close(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    broker,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A stand-in for the hub: records every event and status it sees and, while `acking`, acks
 * each event id back to its station like the ledger does after storing it.
 */
export async function fakeHub(url: string, opts: { acking?: boolean } = {}) {
  const client: MqttClient = await connectAsync(url, { clientId: `test-hub-${process.pid}-${Math.random()}`, clean: true });
  const received: Array<{ topic: string; id: string; stationId: string }> = [];
  const statuses: Array<{ topic: string; raw: string }> = [];
  const state = { acking: opts.acking ?? true };
  client.on("message", (topic, payload) => {
    const raw = payload.toString();
    if (topic.endsWith("/state")) {
      statuses.push({ topic, raw });
      return;
    }
    const env = JSON.parse(raw) as { id: string; stationId: string };
    received.push({ topic, id: env.id, stationId: env.stationId });
    if (state.acking) {
      client.publish(topics.ack(env.stationId), JSON.stringify({ ids: [env.id], at: new Date().toISOString() }), { qos: 1 });
    }
  });
  await client.subscribeAsync([topics.allEvents, topics.allStates], { qos: 1 });
  return {
    client, received, statuses, state,
    distinctIds: () => new Set(received.map((r) => r.id)),
    close: () => client.endAsync(true),
  };
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
