import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashMosquittoPassword } from "#hub/auth/mosquitto-hash.js";
import { createAuthStore } from "#hub/auth/store.js";
import { composeHub } from "#hub/compose.js";
import { loadConfig } from "#hub/config.js";
import { silentLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { freePort } from "../support/ports.js";
import { eventually, tempDir } from "../support/rig.js";
import { spawnStation, type StationProcess } from "../support/station-process.js";

/**
 * The hub as vaultline-hub runs it, with HUB_TLS_CERT/HUB_TLS_KEY set: the dashboard answers only
 * over HTTPS with the site CA's certificate, and a station with its own login and the site CA in
 * NODE_EXTRA_CA_CERTS comes online over MQTT on the TLS port.
 */
const root = new URL("../..", import.meta.url).pathname;
const opensslMissing = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return false;
  } catch {
    console.warn("hub TLS suite skipped: openssl is not installed");
    return true;
  }
})();

function httpsStatus(port: number, path: string, ca?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", servername: "localhost", port, path, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("error", reject);
    req.end();
  });
}

describe.skipIf(opensslMissing)("hub over TLS", () => {
  const certs = tempDir("vaultline-tls-");
  const data = tempDir("vaultline-tls-data-");
  let hub: RunningHub;
  let tlsPort: number;
  let station: StationProcess | undefined;

  beforeAll(async () => {
    execFileSync(join(root, "scripts/provision/make-site-ca.sh"), [certs.dir, "localhost", "127.0.0.1"], {
      stdio: "ignore",
    });
    tlsPort = await freePort();
    const base = loadConfig({
      HUB_PORT: "0",
      MQTT_PORT: "0",
      MQTT_TLS_PORT: String(tlsPort),
      HUB_DATA_DIR: `${data.dir}/hub`,
      LOG_LEVEL: "silent",
      HUB_TLS_CERT: join(certs.dir, "localhost.crt"),
      HUB_TLS_KEY: join(certs.dir, "localhost.key"),
      STATE_SYSTEM_SYNC_MINUTES: "0",
      METRC_SIM_PORT: String(await freePort()),
    });
    const composed = composeHub(base, { log: silentLog() });
    hub = await startHub(composed.cfg, composed.options);
  });
  afterAll(async () => {
    await station?.kill();
    await hub?.stop();
    certs.remove();
    data.remove();
  });

  it("serves the dashboard over HTTPS to clients that trust the site CA, and only to them", async () => {
    expect(hub.url.startsWith("https://")).toBe(true);
    const ca = readFileSync(join(certs.dir, "ca.crt"));
    expect(await httpsStatus(hub.port, "/api/health", ca)).toBe(200);
    await expect(httpsStatus(hub.port, "/api/health")).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it("brings a station online over MQTT on the TLS port with its own login", async () => {
    const password = "station-secret-for-tls-test";
    await createAuthStore(hub.db).putStationCredential({
      stationId: "vault-tls",
      username: "vault-tls",
      passwordHash: await hashMosquittoPassword(password),
      nowMs: Date.now(),
    });
    station = await spawnStation({
      STATION_ID: "vault-tls",
      STATION_DATA_DIR: `${data.dir}/station`,
      STATION_HOST: "127.0.0.1",
      MQTT_URL: `mqtts://localhost:${tlsPort}`,
      MQTT_USERNAME: "vault-tls",
      MQTT_PASSWORD: password,
      NODE_EXTRA_CA_CERTS: join(certs.dir, "ca.crt"),
    });
    await eventually(
      async () => {
        const row = await hub.db
          .selectFrom("stations")
          .select("online")
          .where("id", "=", "vault-tls")
          .executeTakeFirst();
        return Boolean(row?.online);
      },
      15_000,
      "the station online over TLS",
    );
  });
});
