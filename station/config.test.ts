import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { configIssues, StationError } from "./errors.js";
import { tempDir } from "./testing/helpers.js";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({
      port: 8081,
      host: "127.0.0.1",
      mqttUrl: "mqtt://127.0.0.1:1883",
      dataDir: "./data/station",
      stationId: "vault-1",
      mqttKeepaliveSeconds: 10,
      idleSignOutMs: 600_000,
      outboxWindow: 500,
      devices: { kind: "sim" },
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("shows times in the facility's zone, the hub's default unless FACILITY_TIME_ZONE says otherwise, and names a bad one", () => {
    expect(loadConfig({}).timeZone).toBe("America/Los_Angeles");
    expect(loadConfig({ FACILITY_TIME_ZONE: "America/Denver" }).timeZone).toBe("America/Denver");
    expect(() => loadConfig({ FACILITY_TIME_ZONE: "Mars/Olympus" })).toThrow(
      /FACILITY_TIME_ZONE \(timeZone\): is not an IANA time zone/,
    );
  });

  it("takes the variables from the environment, MQTT_PORT for the default broker", () => {
    const cfg = loadConfig({
      STATION_PORT: "0",
      MQTT_PORT: "18830",
      STATION_DATA_DIR: "/var/lib/vaultline",
      STATION_ID: "vault-2",
      SITE_ID: "oak",
      MQTT_KEEPALIVE: "5",
    });
    expect(cfg).toMatchObject({
      port: 0,
      mqttUrl: "mqtt://127.0.0.1:18830",
      dataDir: "/var/lib/vaultline",
      stationId: "vault-2",
      siteId: "oak",
      mqttKeepaliveSeconds: 5,
    });
    expect(loadConfig({ MQTT_URL: "mqtt://broker:1884", MQTT_PORT: "1" }).mqttUrl).toBe("mqtt://broker:1884");
    expect(loadConfig({ LOG_LEVEL: "warn" }).logLevel).toBe("warn");
  });

  it("names each bad key", () => {
    const err = (() => {
      try {
        loadConfig({ STATION_PORT: "eighty", STATION_ID: "Vault/1" });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe("CONFIG_INVALID");
    const issues = configIssues(err as StationError).join("\n");
    expect(issues).toMatch(/^STATION_PORT \(port\): /m);
    expect(issues).toMatch(/^STATION_ID \(stationId\): .*lowercase/m);
  });

  it("checks a device list file named by STATION_DEVICES and names the bad key", async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, "devices.json");
    writeFileSync(
      file,
      JSON.stringify({
        kind: "hardware",
        scales: [{ id: "scale-1", name: "Bench", kind: "serial", path: "/dev/vault-scale", protocol: "mt-sics" }],
      }),
    );
    expect(loadConfig({ STATION_DEVICES: file }).devices).toMatchObject({
      kind: "hardware",
      scales: [{ protocol: "mt-sics" }],
    });
    writeFileSync(
      file,
      JSON.stringify({
        kind: "hardware",
        scales: [{ id: "scale-1", name: "Bench", kind: "serial", path: "/dev/x", protocol: "morse" }],
      }),
    );
    expect(() => loadConfig({ STATION_DEVICES: file })).toThrow(/devices\.scales\.0\.protocol/);
    await cleanup();
  });

  it("reads a JSON file, with the environment winning", async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, "station.json");
    writeFileSync(file, JSON.stringify({ stationId: "vault-9", siteId: "from-file", idleSignOutMs: 1000 }));
    const cfg = loadConfig({ SITE_ID: "from-env" }, file);
    expect(cfg).toMatchObject({ stationId: "vault-9", siteId: "from-env", idleSignOutMs: 1000 });
    writeFileSync(file, "[1,2]");
    expect(() => loadConfig({}, file)).toThrow(/station.json: not a JSON object/);
    await cleanup();
  });

  it("hands each workflow its slice, from the file and the environment, and names a bad variable by its name", async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, "station.json");
    writeFileSync(
      file,
      JSON.stringify({
        workflows: { receive: { defaultShelf: "Intake Cage", tolerancePct: 3 }, lookup: { hubTimeoutMs: 500 } },
      }),
    );
    const cfg = loadConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "2", HUB_URL: "http://hub.local:8080" }, file);
    expect(cfg.workflows.receive).toMatchObject({
      defaultShelf: "Intake Cage",
      tolerancePct: 2,
      quarantineLocation: "Quarantine",
    });
    expect(cfg.workflows.lookup).toEqual({ hubUrl: "http://hub.local:8080", hubTimeoutMs: 500 });
    expect(loadConfig({}).workflows.lookup).toEqual({ hubTimeoutMs: 2000 });
    let err: unknown;
    try {
      loadConfig({ RECEIVE_WEIGHT_TOLERANCE_PCT: "lots", HUB_URL: "hub.local" }, file);
    } catch (e) {
      err = e;
    }
    const issues = configIssues(err as StationError).join("\n");
    expect(issues).toMatch(/^RECEIVE_WEIGHT_TOLERANCE_PCT \(workflows\.receive\.tolerancePct\): /m);
    expect(issues).toMatch(/^HUB_URL \(workflows\.lookup\.hubUrl\): HUB_URL must start with http:\/\/ or https:\/\//m);
    writeFileSync(file, JSON.stringify({ workflows: { receive: { emptyBelowGrams: -1 } } }));
    expect(() => loadConfig({}, file)).toThrow(/workflows\.receive\.emptyBelowGrams/);
    await cleanup();
  });
});
