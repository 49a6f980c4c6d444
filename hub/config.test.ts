import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { HubError } from "./errors.js";
import { loadStateSystemConfig, stateSystemSlice } from "./statesystem/config.js";

describe("hub configuration", () => {
  it("is one schema: the state system's variables are checked with the hub's, and each module gets its slice", () => {
    const cfg = loadConfig({
      HUB_PORT: "9000",
      STATE_SYSTEM: "metrc",
      METRC_BASE_URL: "https://sandbox-api-ca.metrc.com",
      METRC_VENDOR_KEY: "v",
      METRC_USER_KEY: "u",
      METRC_LICENSE: "C10-1-LIC",
      FACILITY_TIME_ZONE: "America/Denver",
    });
    expect(cfg.HUB_PORT).toBe(9000);
    const slice = stateSystemSlice(cfg);
    expect(slice).toMatchObject({
      STATE_SYSTEM: "metrc",
      METRC_LICENSE: "C10-1-LIC",
      FACILITY_TIME_ZONE: "America/Denver",
      STATE_SYSTEM_SYNC_MINUTES: 15,
    });
    expect(Object.keys(slice)).not.toContain("HUB_PORT");
    expect(Object.isFrozen(slice)).toBe(true);
  });

  it("defaults to the METRC simulator", () => {
    expect(loadStateSystemConfig({}).STATE_SYSTEM).toBe("simulator");
  });

  it("refuses bad variables of the core and of a module in one error, naming each", () => {
    let err: unknown;
    try {
      loadConfig({ HUB_PORT: "eighty", STATE_SYSTEM: "metrc", METRC_BASE_URL: "https://sandbox-api-ca.metrc.com" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe("CONFIG_INVALID");
    const issues = (err as HubError).context.issues ?? [];
    expect(issues.some((i) => i.startsWith("HUB_PORT:"))).toBe(true);
    expect(issues).toEqual(
      expect.arrayContaining([
        "METRC_VENDOR_KEY: METRC_VENDOR_KEY is required when STATE_SYSTEM=metrc",
        "METRC_LICENSE: METRC_LICENSE is required when STATE_SYSTEM=metrc",
      ]),
    );
  });
});
