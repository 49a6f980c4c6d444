import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadStateSystemConfig } from "./config.js";
import { createStateSystem, DEMO_LICENSE } from "./factory.js";

const log = pino({ level: "silent" });

describe("createStateSystem", () => {
  it("gives the METRC client pointed at the local simulator by default", () => {
    const ss = createStateSystem(loadStateSystemConfig({}), { log });
    expect([ss.kind, ss.license]).toEqual(["metrc", DEMO_LICENSE]);
  });

  it("gives METRC or BioTrack as configured", () => {
    const metrc = createStateSystem(
      loadStateSystemConfig({
        STATE_SYSTEM: "metrc",
        METRC_BASE_URL: "https://sandbox-api-ca.metrc.com",
        METRC_VENDOR_KEY: "v",
        METRC_USER_KEY: "u",
        METRC_LICENSE: "C10-1-LIC",
      }),
      { log },
    );
    expect([metrc.kind, metrc.license]).toEqual(["metrc", "C10-1-LIC"]);
    const bt = createStateSystem(
      loadStateSystemConfig({
        STATE_SYSTEM: "biotrack",
        BIOTRACK_URL: "https://example.test/serverjson.asp",
        BIOTRACK_LICENSE: "999999",
        BIOTRACK_USERNAME: "u",
        BIOTRACK_PASSWORD: "p",
      }),
      { log },
    );
    expect(bt.kind).toBe("biotrack");
  });

  it("names every missing or bad variable", () => {
    expect(() => loadStateSystemConfig({ STATE_SYSTEM: "biotrack", FACILITY_TIME_ZONE: "Mars/Olympus" })).toThrow(
      /BIOTRACK_URL is required[\s\S]*BIOTRACK_PASSWORD is required[\s\S]*Mars\/Olympus is not an IANA time zone/,
    );
  });
});
