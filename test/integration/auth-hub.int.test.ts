import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";
import { runStationAddCli } from "#hub/auth/index.js";
import { loginsModule } from "#hub/auth/module.js";
import { TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { loadConfig } from "#hub/config.js";
import { silentLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { collect, connectClient, sleep, subscribeGranted, waitFor } from "./broker-acl-kit.js";

/**
 * The whole hub started with logins wired in as the product does it, through the logins module
 * (broker hooks, web guard, routes; the ledger handed over before the broker opens). A station with its own
 * credentials gets its events stored and acked; a station posing as another gets nothing stored.
 */
const HUB_MQTT = { username: "vaultline-hub", password: "hub-password-for-this-test" };

describe("hub with logins wired in", () => {
  let dir: string;
  let hub: RunningHub;
  const creds: Record<string, { id: string; username: string; password: string }> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vl-hub-auth-"));
    const cfg = loadConfig({
      HUB_PORT: "0",
      MQTT_PORT: "0",
      HUB_DATA_DIR: dir,
      MQTT_USERNAME: HUB_MQTT.username,
      MQTT_PASSWORD: HUB_MQTT.password,
      LOG_LEVEL: "silent",
    });
    const logins = loginsModule({
      log: silentLog(),
      https: false,
      hubMqtt: HUB_MQTT,
      passwordCost: TEST_PASSWORD_COST,
    });
    const beforeStart = async (db: RunningHub["db"]) => {
      for (const id of ["vault-1", "vault-2"]) {
        const out: string[] = [];
        await runStationAddCli(["add", id], {
          db,
          log: silentLog(),
          out: (l) => out.push(l),
          err: () => undefined,
          hubMqtt: HUB_MQTT,
        });
        creds[id] = JSON.parse(out[0] ?? "{}");
      }
    };
    hub = await startHub(cfg, { log: silentLog(), beforeStart, modules: [logins] });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const station = (id: string, password?: string) => {
    const c = creds[id]!;
    return connectClient(hub.mqttUrl, {
      clientId: `station-${id}`,
      username: c.username,
      password: password ?? c.password,
      clean: false,
    });
  };
  const scanFrom = (stationId: string) => ({
    ...(loadExample("scan") as Record<string, unknown>),
    id: newId(),
    stationId,
  });
  const stored = async (id: string) =>
    (await hub.db.selectFrom("events").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

  it("stores and acks a station's own event", async () => {
    const s = await station("vault-1");
    const got = collect(s);
    for (const t of topics.stationInbox("vault-1")) await subscribeGranted(s, t);
    const event = scanFrom("vault-1");
    await s.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(event), { qos: 1 });
    await waitFor(() => got.some((m) => m.topic === topics.ack("vault-1") && m.payload.includes(event.id)));
    expect(await stored(event.id)).toBe(true);
    await s.endAsync(true);
  });

  it("stores nothing a station publishes on another station's topic, and refuses a wrong password", async () => {
    await expect(station("vault-1", "guessed")).rejects.toThrow(/Bad username or password/i);
    const s = await station("vault-1");
    const forged = scanFrom("vault-2");
    s.publish(topics.event("vault-2", "scan"), JSON.stringify(forged), { qos: 0 });
    const genuine = scanFrom("vault-2");
    const b = await station("vault-2");
    await b.publishAsync(topics.event("vault-2", "scan"), JSON.stringify(genuine), { qos: 1 });
    for (let i = 0; i < 100 && !(await stored(genuine.id)); i++) await sleep(20);
    expect(await stored(genuine.id)).toBe(true);
    expect(await stored(forged.id)).toBe(false);
    await Promise.all([s.endAsync(true), b.endAsync(true)]);
  });

  it("keeps /api/health open and asks for a login everywhere else", async () => {
    expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/stations`)).status).toBe(401);
    expect((await fetch(`${hub.url}/`, { redirect: "manual" })).status).toBe(303);
  });
});
