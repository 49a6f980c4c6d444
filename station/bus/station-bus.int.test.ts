import { join } from "node:path";
import { connectAsync } from "mqtt";
import { describe, expect, it, vi } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";
import { checkStationStatus, type AnyCommand } from "#contract/validate.js";
import { manualClock, systemClock } from "#station/clock.js";
import { Outbox } from "#station/store/outbox.js";
import { fakeHub, until, useBrokerRig } from "#station/testing/broker.js";
import { quietLog, scanEnvelope } from "#station/testing/helpers.js";
import { StationBus, type BusDeps } from "./station-bus.js";

const rig = useBrokerRig();

async function startBus(over: Partial<BusDeps> = {}) {
  const outbox = await Outbox.open({ file: join(rig.dir, "outbox.journal"), log: quietLog });
  const commands: AnyCommand[] = [];
  const bus = new StationBus({
    url: rig.broker.url,
    stationId: "vault-1",
    siteId: "site",
    keepaliveSeconds: 10,
    outbox,
    window: 500,
    resendMs: 10_000,
    clock: systemClock,
    log: quietLog,
    onCommand: async (cmd) => {
      commands.push(cmd);
    },
    statusFacts: () => ({
      version: "1.0.0",
      startedAt: new Date().toISOString(),
      outboxDepth: outbox.depth,
      signedIn: null,
      devices: [],
    }),
    ...over,
  });
  rig.closers.push(
    () => outbox.close(),
    () => bus.stop(),
  );
  await until(() => bus.status().connected, 5000, "broker connection");
  return { bus, outbox, commands };
}

describe("StationBus", () => {
  it("republishes its status every minute, so the hub can tell a quiet station from a gone one", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const clock = manualClock();
    await startBus({ clock });
    await until(() => hub.statuses.length >= 1, 5000, "first status");
    const before = hub.statuses.length;
    clock.advance(30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(hub.statuses.length).toBe(before);
    clock.advance(31_000);
    await until(() => hub.statuses.length > before, 5000, "the minute's status");
  });

  it("publishes outbox events and drops them when the hub acks", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const { bus, outbox } = await startBus();
    const events = [scanEnvelope("A"), scanEnvelope("B"), scanEnvelope("C")];
    for (const e of events) await outbox.append(e);
    await until(() => outbox.depth === 0, 5000, "outbox to drain");
    expect(hub.received.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(hub.received[0]?.topic).toBe(topics.event("vault-1", "scan"));
    expect(bus.status().lastAckAt).not.toBeNull();
  });

  it("re-sends until the hub acks, then stops", async () => {
    const hub = await fakeHub(rig.broker.url, { acking: false });
    rig.closers.push(hub.close);
    const { outbox, bus } = await startBus({ resendMs: 150 });
    const env = scanEnvelope();
    await outbox.append(env);
    await until(() => hub.received.filter((r) => r.id === env.id).length >= 2, 5000, "a resend");
    expect(bus.status()).toMatchObject({ connected: true, answering: false });
    hub.state.acking = true;
    await until(() => outbox.depth === 0, 5000, "ack");
    expect(bus.status().answering).toBe(true);
    const count = hub.received.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(hub.received.length).toBeLessThanOrEqual(count + 1);
  });

  it("keeps re-sending after the wall clock steps back an hour (NTP, or a person setting the date)", async () => {
    const hub = await fakeHub(rig.broker.url, { acking: false });
    rig.closers.push(hub.close);
    const clock = manualClock();
    const { outbox } = await startBus({ clock, resendMs: 1_000 });
    const env = scanEnvelope();
    await outbox.append(env);
    await until(() => hub.received.some((r) => r.id === env.id), 5000, "first send");
    clock.set(clock.now() - 3_600_000);
    clock.advance(1_500);
    await until(() => hub.received.filter((r) => r.id === env.id).length >= 2, 5000, "a resend after the step back");
    hub.state.acking = true;
    clock.advance(3_000);
    await until(() => outbox.depth === 0, 5000, "ack");
  });

  it("keeps at most `window` unacked events on the wire", async () => {
    const hub = await fakeHub(rig.broker.url, { acking: false });
    rig.closers.push(hub.close);
    const { outbox } = await startBus({ window: 10 });
    const events = Array.from({ length: 50 }, (_, i) => scanEnvelope(`W${i}`));
    await Promise.all(events.map((e) => outbox.append(e)));
    await until(() => hub.distinctIds().size >= 10, 5000, "first window");
    await new Promise((r) => setTimeout(r, 200));
    expect(hub.distinctIds().size).toBe(10);
    hub.client.publish(
      topics.ack("vault-1"),
      JSON.stringify({ ids: events.slice(0, 10).map((e) => e.id), at: new Date().toISOString() }),
    );
    await until(() => hub.distinctIds().size >= 20, 5000, "second window");
    expect(outbox.depth).toBe(40);
  });

  it("sends what piled up while the broker was away once it can connect", async () => {
    const outbox = await Outbox.open({ file: join(rig.dir, "outbox.journal"), log: quietLog });
    const events = Array.from({ length: 20 }, (_, i) => scanEnvelope(`P${i}`));
    for (const e of events) await outbox.append(e);
    await outbox.close();
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const { outbox: reopened } = await startBus();
    await until(() => reopened.depth === 0, 5000, "replayed outbox to drain");
    expect([...hub.distinctIds()]).toEqual(events.map((e) => e.id));
  });

  it("keeps a retained online status, and the broker publishes the offline will when the link dies", async () => {
    const hub = await fakeHub(rig.broker.url, { acking: false });
    rig.closers.push(hub.close);
    const { bus } = await startBus();
    await until(() => hub.statuses.length >= 1, 5000, "status");
    const first = checkStationStatus(hub.statuses[0]!.topic, hub.statuses[0]!.raw);
    expect(first.ok && first.value.payload).toMatchObject({ online: true, version: "1.0.0", outboxDepth: 0 });
    (bus as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy();
    await until(() => hub.statuses.some((s) => JSON.parse(s.raw).payload.online === false), 5000, "last will");
    const will = hub.statuses.find((s) => JSON.parse(s.raw).payload.online === false)!;
    expect(checkStationStatus(will.topic, will.raw).ok).toBe(true);
    await until(() => bus.status().connected, 5000, "reconnect");
    const late = await connectAsync(rig.broker.url, { clientId: "late-reader" });
    rig.closers.push(() => late.endAsync(true));
    const retained = new Promise<string>((resolve) => late.on("message", (_t, p) => resolve(p.toString())));
    await late.subscribeAsync(topics.state("vault-1"));
    expect(JSON.parse(await retained).payload.online).toBe(true);
  });

  it("hands valid commands over in arrival order and logs bad ones with their topic", async () => {
    const warn = vi.spyOn(quietLog, "warn");
    const { commands } = await startBus();
    const hub = await connectAsync(rig.broker.url, { clientId: "cmd-sender" });
    rig.closers.push(() => hub.endAsync(true));
    const catalog = loadExample("cmd-catalog") as AnyCommand;
    const employees = loadExample("cmd-employees") as AnyCommand;
    await hub.publishAsync(topics.command("vault-1", "catalog"), JSON.stringify({ ...catalog, id: newId() }), {
      qos: 1,
    });
    await hub.publishAsync(topics.command("vault-1", "catalog"), "{not json", { qos: 1 });
    await hub.publishAsync(topics.command("vault-1", "employees"), JSON.stringify(employees), { qos: 1 });
    await until(() => commands.length === 2, 5000, "commands");
    expect(commands.map((c) => c.name)).toEqual(["catalog", "employees"]);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ topic: topics.command("vault-1", "catalog"), code: "MQTT_MESSAGE_INVALID" }),
      "command rejected",
    );
    warn.mockRestore();
  });

  it("publishes the offline status when stopped", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const { bus } = await startBus();
    await until(() => hub.statuses.length >= 1, 5000, "status");
    await bus.stop();
    await until(() => hub.statuses.some((s) => JSON.parse(s.raw).payload.online === false), 5000, "offline status");
  });
});
