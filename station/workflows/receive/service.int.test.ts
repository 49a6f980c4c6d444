import { connectAsync, type MqttClient } from "mqtt";
import { describe, expect, it } from "vitest";
import type { Envelope } from "#contract/envelope.js";
import { topics } from "#contract/topics.js";
import { loadConfig, startStation, type RunningStation } from "#station/main.js";
import { fakeHub, until, useBrokerRig } from "#station/testing/broker.js";
import { quietLog } from "#station/testing/helpers.js";
import { manifestOf, offerManifests, post, receiveTag, signInCoordinator } from "#station/testing/receiving-rig.js";

/**
 * Receiving through a whole station: simulated scanner, scale and printer, the hub's commands
 * over an in-process broker, the kiosk's HTTP routes and its SSE stream.
 */
const rig = useBrokerRig("vaultline-receive-int-");

async function start(): Promise<RunningStation> {
  const cfg = loadConfig({
    STATION_PORT: "0",
    STATION_HOST: "127.0.0.1",
    MQTT_URL: rig.broker.url,
    STATION_DATA_DIR: rig.dir,
    SITE_ID: "test-site",
  });
  const station = await startStation(cfg, { log: quietLog });
  rig.closers.push(() => station.stop());
  await until(() => station.bus.status().connected, 5000, "broker");
  return station;
}

/** Every event the hub side sees, parsed. */
async function collector(): Promise<{ client: MqttClient; events: Envelope[] }> {
  const client = await connectAsync(rig.broker.url, { clientId: `collector-${Math.random()}` });
  const events: Envelope[] = [];
  client.on("message", (_t, payload) => events.push(JSON.parse(payload.toString()) as Envelope));
  await client.subscribeAsync(topics.allEvents, { qos: 1 });
  rig.closers.push(() => client.endAsync(true));
  return { client, events };
}

type Status = {
  open: {
    progress: { scanned: number; total: number };
    lastScan: { verdict: string } | null;
    lines: Array<{
      label: string;
      flags: string[];
      scans: number;
      decision: { decision: string; location: string } | null;
    }>;
  } | null;
  closed: unknown;
  labels: Array<{ template: string; state: string; zpl: string }>;
};
const status = async (url: string) => (await (await fetch(`${url}/receive/status`)).json()) as Status;

// Manifest of 12: line 3 failed its lab test, line 9 is a weighed bag that arrives short.
const manifest = manifestOf(12, (i, l) => (i === 3 ? { ...l, labState: "TestFailed" } : l));

async function openManifest(station: RunningStation): Promise<void> {
  await offerManifests(rig.broker.url, "vault-1", [manifest]);
  // The commands arrive over the broker: sign in once the employee list is there.
  for (let i = 0; i < 50; i++) {
    await signInCoordinator(station.url);
    const api = (await (await fetch(`${station.url}/api/status`)).json()) as { signedIn: unknown };
    if (api.signedIn) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  for (let i = 0; i < 50; i++) {
    const r = await post(`${station.url}/receive/open`, { manifestNumber: manifest.manifestNumber }, true);
    if (r.status === 200) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("manifest never opened");
}

/** Polls /receive/status until `check` holds (scans reach receiving just after they are recorded). */
async function statusWhen(url: string, check: (s: Status) => boolean): Promise<Status> {
  for (let i = 0; i < 100; i++) {
    const s = await status(url);
    if (check(s)) return s;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error("receiving status never matched");
}

const scan = (url: string, code: string, scanner = "scanner-1") => post(`${url}/sim/scan`, { code, scanner });

describe("receiving at a running station", () => {
  it("classifies scans from any scanner, weighs, decides, prints and reports every decision to the hub", async () => {
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const { events } = await collector();
    const station = await start();
    await openManifest(station);
    const sse = await fetch(`${station.url}/receive/events`);
    const reader = sse.body!.getReader();

    for (let i = 0; i < 12; i++) await scan(station.url, receiveTag(i), i % 2 === 0 ? "scanner-1" : "scanner-2");
    await scan(station.url, receiveTag(5));
    await scan(station.url, receiveTag(777));
    await scan(station.url, "1A4060300012B7C0000");
    const s = await statusWhen(station.url, (x) => x.open?.lastScan?.verdict === "invalid-tag");
    expect(s.open!.progress).toMatchObject({ scanned: 12, total: 12 });
    expect(s.open!.lastScan?.verdict).toBe("invalid-tag");
    expect(s.open!.lines.find((l) => l.label === receiveTag(5))?.scans).toBe(2);
    expect(s.open!.lines.at(-1)).toMatchObject({ label: receiveTag(777), flags: ["not-ordered"] });

    const decide = (label: string, action: string, body: Record<string, unknown> = {}) =>
      post(`${station.url}/receive/lines/${label}/${action}`, body, true);
    // The weighed bag: select it, let the platform read empty, then put it on.
    await decide(receiveTag(9), "select");
    await post(`${station.url}/sim/scale`, { grams: 0, stable: true });
    await new Promise((r) => setTimeout(r, 300));
    await post(`${station.url}/sim/scale`, { grams: 643.2, stable: true });
    await until(() => events.some((e) => e.type === "weight"), 5000, "weight event");
    expect((await decide(receiveTag(9), "accept")).status).toBe(422);
    expect((await decide(receiveTag(9), "reject", { reason: "short-weight" })).status).toBe(200);
    expect((await decide(receiveTag(3), "accept")).status).toBe(422);
    expect((await decide(receiveTag(3), "reject", { reason: "failed-lab" })).status).toBe(200);
    expect((await decide(receiveTag(777), "reject", { reason: "wrong-tag" })).status).toBe(200);
    for (let i = 0; i < 12; i++)
      if (i !== 3 && i !== 9) expect((await decide(receiveTag(i), "accept")).status).toBe(200);
    expect((await post(`${station.url}/receive/complete`, {}, true)).status).toBe(200);

    await until(
      () => events.some((e) => e.type === "receive" && (e.payload as { action: string }).action === "completed"),
      5000,
      "completed event",
    );
    const lines = events.filter((e) => e.type === "receive" && (e.payload as { action: string }).action === "line");
    expect(lines).toHaveLength(13);
    const done = (await status(station.url)).closed as {
      lines: Array<{ label: string; decision: { location: string; reason?: string; netGrams?: number } }>;
    };
    expect(done.lines.find((l) => l.label === receiveTag(9))?.decision).toMatchObject({
      location: "Quarantine",
      reason: "short-weight",
      netGrams: 431.2,
    });
    expect(done.lines.find((l) => l.label === receiveTag(0))?.decision.location).toBe("Vault Intake");
    await until(() => events.filter((e) => e.type === "print").length === 13, 10_000, "print events");
    const printed = (await status(station.url)).labels;
    expect(printed.filter((j) => j.template === "quarantine")).toHaveLength(3);
    expect(printed.every((j) => j.state === "printed")).toBe(true);

    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("event: rx-page");
    await reader.cancel();
  }, 60_000);

  it("resumes an interrupted manifest after a restart, nothing scanned lost", async () => {
    const first = await start();
    await openManifest(first);
    // Scans belong to the manifest while its screen is open: the screen's stream stands for it.
    const screen = await fetch(`${first.url}/receive/events`);
    for (let i = 0; i < 5; i++) await scan(first.url, receiveTag(i));
    await statusWhen(first.url, (x) => x.open?.progress.scanned === 5);
    await post(`${first.url}/receive/lines/${receiveTag(0)}/accept`, {}, true);
    await screen.body!.cancel();
    await first.stop();
    rig.closers.splice(0);

    const second = await start();
    const after = await status(second.url);
    expect(after.open!.progress).toMatchObject({ scanned: 5, total: 12 });
    expect(after.open!.lines[0]!.decision).toMatchObject({ decision: "accept" });
    const page = await (await fetch(`${second.url}/receive`)).text();
    expect(page).toContain('data-scanned="5"');
    expect(page).toContain('data-total="12"');
  }, 60_000);
});
