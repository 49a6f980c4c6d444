import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { loadConfig, startStation, type RunningStation } from "./main.js";
import { fakeHub, until, useBrokerRig } from "./testing/broker.js";
import { quietLog } from "./testing/helpers.js";

const rig = useBrokerRig();

async function start(env: Record<string, string> = {}): Promise<RunningStation> {
  const cfg = loadConfig({
    STATION_PORT: "0",
    STATION_HOST: "127.0.0.1",
    MQTT_URL: rig.broker.url,
    STATION_DATA_DIR: rig.dir,
    SITE_ID: "test-site",
    ...env,
  });
  const station = await startStation(cfg, { log: quietLog });
  rig.closers.push(() => station.stop());
  return station;
}

describe("startStation", () => {
  it("serves the kiosk on a free port and records a scan that reaches the hub", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const station = await start();
    expect(station.port).toBeGreaterThan(0);
    expect(station.healthy()).toBe(true);
    await until(() => station.bus.status().connected, 5000, "broker");
    const env = await station.recordScan("1A4060300002199000003445", "scanner-1");
    expect(env.stationId).toBe("vault-1");
    await until(() => station.outboxDepth() === 0, 5000, "ack");
    expect(hub.received.map((r) => r.id)).toContain(env.id);
    const status = (await (await fetch(`${station.url}/api/status`)).json()) as { hub: { lastAckAt: string | null } };
    expect(status).toMatchObject({
      stationId: "vault-1",
      siteId: "test-site",
      hub: { connected: true },
      outboxDepth: 0,
    });
    expect(status.hub.lastAckAt).not.toBeNull();
  });

  it("delivers every one of 2,000 scans made while the hub was down, and drains the outbox", async () => {
    const station = await start({ OUTBOX_RESEND_MS: "300" });
    await until(() => station.bus.status().connected, 5000, "broker");
    const ids = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => station.recordScan(`CMD:NEXT`, `scanner-${i}`).then((e) => e.id)),
    );
    expect(station.outboxDepth()).toBe(2000);
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    await until(() => station.outboxDepth() === 0, 60_000, "outbox to drain");
    expect([...hub.distinctIds()].sort()).toEqual([...ids].sort());
  }, 90_000);

  it("records the simulated vault door as a door session and ties scans to it", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const station = await start();
    const post = (path: string, body: unknown) =>
      fetch(`${station.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/sim/door", { open: true })).status).toBe(202);
    await until(() => hub.received.some((r) => r.topic.endsWith("/event/door")), 5000, "door event");
    const scan = (await (await post("/sim/scan", { code: "1A4060300002199000003445" })).json()) as {
      event: { payload: { doorSessionId?: string } };
    };
    expect(scan.event.payload.doorSessionId).toBeDefined();
    await post("/sim/door", { open: false });
    await until(
      () => hub.received.filter((r) => r.topic.endsWith("/event/door")).length === 2,
      5000,
      "door closed event",
    );
  });

  it("keeps recorded scans across a restart and sends them then", async () => {
    const first = await start({ MQTT_URL: "mqtt://127.0.0.1:9" });
    const env = await first.recordScan("EMP-0001", "scanner-1");
    await first.stop();
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const second = await start();
    expect(second.outboxDepth()).toBe(1);
    await until(() => second.outboxDepth() === 0, 5000, "replay");
    expect(hub.received.map((r) => r.id)).toEqual([env.id]);
  });

  it("refuses a port in use with one line naming STATION_PORT", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const { port } = blocker.address() as AddressInfo;
    rig.closers.push(() => new Promise((r) => blocker.close(r)));
    const cfg = loadConfig({
      STATION_PORT: String(port),
      STATION_HOST: "127.0.0.1",
      MQTT_URL: rig.broker.url,
      STATION_DATA_DIR: rig.dir,
    });
    await expect(startStation(cfg, { log: quietLog })).rejects.toThrow(
      `port ${port} is already in use: set STATION_PORT to a free port`,
    );
  });
});
