import { connectAsync } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "../log.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "./broker.js";

describe("embedded broker access hooks", () => {
  let broker: EmbeddedBroker;
  const subscribed: string[] = [];

  beforeAll(async () => {
    broker = await startEmbeddedBroker({
      port: 0,
      log: silentLog(),
      hooks: {
        authenticate: (_client, username, password, done) =>
          done(null, username === "vault-1" && password?.toString() === "right"),
        authorizeSubscribe: (client, sub, done) => {
          subscribed.push(`${client.id} ${sub.topic}`);
          done(null, sub.topic.startsWith("vault/v1/station/vault-1/") ? sub : null);
        },
      },
    });
  });
  afterAll(() => broker?.close());

  it("refuses a wrong password and lets the right one in", async () => {
    await expect(
      connectAsync(broker.url, { username: "vault-1", password: "wrong", reconnectPeriod: 0 }),
    ).rejects.toThrow();
    const ok = await connectAsync(broker.url, {
      clientId: "station-vault-1",
      username: "vault-1",
      password: "right",
      reconnectPeriod: 0,
    });
    expect(broker.clientIds()).toContain("station-vault-1");
    const granted = await ok.subscribeAsync("vault/v1/station/vault-1/ack", { qos: 1 });
    expect(granted.map((g) => g.qos)).toEqual([1]);
    await expect(ok.subscribeAsync("vault/v1/station/vault-2/ack", { qos: 1 })).rejects.toThrow(/Subscribe error/);
    expect(subscribed).toEqual([
      "station-vault-1 vault/v1/station/vault-1/ack",
      "station-vault-1 vault/v1/station/vault-2/ack",
    ]);
    await ok.endAsync();
  });
});
