import { createServer, type AddressInfo, type Server } from "node:net";
import { Aedes } from "aedes";
import { connectAsync, type MqttClient } from "mqtt";
import { afterEach, beforeEach } from "vitest";
import { topics } from "#contract/topics.js";
import { tempDir } from "./helpers.js";

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
  const client: MqttClient = await connectAsync(url, {
    clientId: `test-hub-${process.pid}-${Math.random()}`,
    clean: true,
  });
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
      client.publish(topics.ack(env.stationId), JSON.stringify({ ids: [env.id], at: new Date().toISOString() }), {
        qos: 1,
      });
    }
  });
  await client.subscribeAsync([topics.allEvents, topics.allStates], { qos: 1 });
  return {
    client,
    received,
    statuses,
    state,
    /** Ids of the events received, of one type (`scan`, `weight`…) when given. */
    distinctIds: (type?: string) =>
      new Set(received.filter((r) => !type || r.topic.endsWith(`/event/${type}`)).map((r) => r.id)),
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

/** What `useBrokerRig` gives each test: a fresh broker and data folder, and a list of things to close. */
export interface BrokerRig {
  broker: Awaited<ReturnType<typeof startBroker>>;
  dir: string;
  /** Closed in reverse order after each test, before the broker and the folder go. */
  closers: Array<() => Promise<unknown>>;
}

/**
 * Registers beforeEach/afterEach hooks that give every test in the file its own in-process broker
 * and temp folder. Read the fields inside tests (they change per test).
 */
export function useBrokerRig(prefix?: string): BrokerRig {
  const rig = { closers: [] } as unknown as BrokerRig;
  let cleanup: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    rig.broker = await startBroker();
    ({ dir: rig.dir, cleanup } = await tempDir(prefix));
  });
  afterEach(async () => {
    for (const close of rig.closers.splice(0).reverse()) await close();
    await rig.broker.close();
    await cleanup();
  });
  return rig;
}
