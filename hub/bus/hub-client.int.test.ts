import { afterAll, describe, expect, it } from "vitest";
import { silentLog } from "../log.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "./broker.js";
import { connectHubClient, type HubClient } from "./hub-client.js";

const REFUSED = "vault/v1/station/refused/event/+";

/** A broker that records each SUBSCRIBE's filters and refuses REFUSED. */
async function recordingBroker(port: number, packets: string[][]): Promise<EmbeddedBroker> {
  const broker = await startEmbeddedBroker({
    port,
    log: silentLog(),
    hooks: { authorizeSubscribe: (_client, sub, done) => done(null, sub.topic === REFUSED ? null : sub) },
  });
  broker.broker.on("subscribe", (subs, client) => {
    if (client?.id === "hub-client-test") packets.push(subs.map((s) => s.topic));
  });
  return broker;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("hub client subscriptions", () => {
  let broker: EmbeddedBroker | undefined;
  let client: HubClient | undefined;
  afterAll(async () => {
    await client?.close();
    await broker?.close();
  });

  it("sends filtersPerSubscribe filters a SUBSCRIBE, names the refused ones and holds them again after a reconnect", async () => {
    const packets: string[][] = [];
    broker = await recordingBroker(0, packets);
    const port = broker.port;
    const first = ["a", "b", "c"].map((s) => `vault/v1/station/${s}/event/+`);
    client = await connectHubClient({
      url: broker.url,
      clientId: "hub-client-test",
      log: silentLog(),
      onMessage: () => undefined,
      subscriptions: first,
      clean: true,
      filtersPerSubscribe: 2,
    });
    await until(() => packets.flat().length === 3, "the first subscriptions");
    expect(packets).toEqual([first.slice(0, 2), first.slice(2)]);

    const more = ["vault/v1/station/d/event/+", "vault/v1/station/e/event/+", REFUSED];
    expect(await client.subscribe(more)).toEqual([REFUSED]);
    expect(packets.slice(2)).toEqual([more.slice(0, 2), [REFUSED]]);

    packets.length = 0;
    await broker.close();
    broker = await recordingBroker(port, packets);
    await until(() => packets.flat().length >= 6 && client!.connected(), "the subscriptions held again");
    await new Promise((r) => setTimeout(r, 200));
    // Each held filter once (no second resubscribe by mqtt.js), at most two a SUBSCRIBE; the
    // refused one is held too and asked for again.
    expect(packets.flat().sort()).toEqual([...first, ...more].sort());
    expect(Math.max(...packets.map((p) => p.length))).toBeLessThanOrEqual(2);
  });
});
