import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "#hub/config.js";
import { HubError } from "#hub/errors.js";
import { stateSystemSlice } from "#hub/statesystem/config.js";
import { createStateSystem } from "#hub/statesystem/factory.js";
import { silentLog } from "#hub/log.js";
import { SiteDirectory } from "./directory.js";
import { DEFAULT_SITE_ID, DEMO_LICENSE } from "./site.js";

const OAK = {
  id: "oakland",
  name: "Green Leaf Oakland",
  license: "C10-0000123-LIC",
  timeZone: "America/Los_Angeles",
  stateSystem: { kind: "metrc", baseUrl: "https://api-ca.metrc.com", vendorKey: "v-oak", userKey: "u-oak" },
};
const DEN = {
  id: "denver",
  license: "402R-00042",
  timeZone: "America/Denver",
  stateSystem: { kind: "metrc", baseUrl: "https://api-co.metrc.com", vendorKey: "v-den", userKey: "u-den" },
};

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(HubError);
    expect((e as HubError).code).toBe("CONFIG_INVALID");
    return (e as HubError).context.issues ?? [];
  }
  throw new Error("the configuration was taken");
}

describe("sites in the hub configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-sites-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('zero-config is one site, "default", from today\'s variables, served to every station as before', () => {
    const cfg = loadConfig({});
    expect(cfg.sitesConfigured).toBe(false);
    expect(cfg.sites).toEqual([
      {
        id: DEFAULT_SITE_ID,
        license: DEMO_LICENSE,
        timeZone: "America/Los_Angeles",
        stateSystem: { kind: "simulator" },
      },
    ]);
    const sites = new SiteDirectory(cfg.sites, cfg.sitesConfigured);
    expect([
      sites.multi,
      sites.siteOf("whatever-the-station-says")?.id,
      sites.refusal("demo-site"),
      sites.envelopeFilter("default"),
    ]).toEqual([false, "default", undefined, undefined]);
  });

  it("derives the one site from SITE_ID, METRC_* and FACILITY_TIME_ZONE", () => {
    const cfg = loadConfig({
      SITE_ID: "oakland",
      STATE_SYSTEM: "metrc",
      METRC_BASE_URL: "https://api-ca.metrc.com",
      METRC_VENDOR_KEY: "v",
      METRC_USER_KEY: "u",
      METRC_LICENSE: "C10-1-LIC",
      FACILITY_TIME_ZONE: "America/Denver",
    });
    expect(cfg.sites).toEqual([
      {
        id: "oakland",
        license: "C10-1-LIC",
        timeZone: "America/Denver",
        stateSystem: { kind: "metrc", baseUrl: "https://api-ca.metrc.com", vendorKey: "v", userKey: "u" },
      },
    ]);
    expect(createStateSystem(stateSystemSlice(cfg), { log: silentLog() }).license).toBe("C10-1-LIC");
  });

  it("takes HUB_SITES as JSON: each site with its own licence, time zone and state-system keys", () => {
    const cfg = loadConfig({ HUB_SITES: JSON.stringify([OAK, DEN]) });
    expect(cfg.sitesConfigured).toBe(true);
    expect(cfg.sites.map((s) => [s.id, s.license, s.timeZone])).toEqual([
      ["oakland", "C10-0000123-LIC", "America/Los_Angeles"],
      ["denver", "402R-00042", "America/Denver"],
    ]);
    const slice = stateSystemSlice(cfg);
    const systems = ["oakland", "denver"].map((id) => createStateSystem(slice, { log: silentLog() }, id));
    expect(systems.map((s) => s.license)).toEqual(["C10-0000123-LIC", "402R-00042"]);
    const sites = new SiteDirectory(cfg.sites, true);
    expect(sites.siteOf("denver")?.id).toBe("denver");
    expect(sites.refusal("boulder")).toMatch(
      /site "boulder" is not served by this hub \(HUB_SITES lists oakland, denver\)/,
    );
    expect(sites.unknown("boulder")).toMatch(
      /no site "boulder" here: this hub serves oakland \(Green Leaf Oakland\), denver \(denver\)/,
    );
  });

  it("reads a sites list and the other keys from the HUB_CONFIG file; the environment wins", () => {
    const file = join(dir, "hub.json");
    writeFileSync(file, JSON.stringify({ HUB_PORT: 9090, LOG_LEVEL: "warn", sites: [DEN] }));
    const cfg = loadConfig({ HUB_CONFIG: file, LOG_LEVEL: "error" });
    expect([cfg.HUB_PORT, cfg.LOG_LEVEL, cfg.sites.map((s) => s.id), cfg.sitesConfigured]).toEqual([
      9090,
      "error",
      ["denver"],
      true,
    ]);
    expect(loadConfig({ HUB_CONFIG: file, HUB_SITES: JSON.stringify([OAK]) }).sites.map((s) => s.id)).toEqual([
      "oakland",
    ]);
  });

  it("names every bad site, key and conflict where it was given", () => {
    const twice = issuesOf(() =>
      loadConfig({
        HUB_SITES: JSON.stringify([
          OAK,
          { ...DEN, id: "oakland", timeZone: "Mars/Olympus" },
          { ...DEN, id: "bad id", license: "402R-00042" },
        ]),
      }),
    );
    expect(twice).toEqual(
      expect.arrayContaining([
        "HUB_SITES.1.timeZone: not an IANA time zone (e.g. America/Los_Angeles)",
        'HUB_SITES.1.id: id "oakland" is also site 1\'s',
        expect.stringMatching(/^HUB_SITES\.2\.id: a site id is letters, digits/),
        'HUB_SITES.2.license: license "402R-00042" is also site 2\'s',
      ]),
    );
    expect(
      issuesOf(() =>
        loadConfig({
          HUB_SITES: JSON.stringify([{ ...OAK, stateSystem: { kind: "metrc", baseUrl: "https://api-ca.metrc.com" } }]),
        }),
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^HUB_SITES\.0\.stateSystem\.vendorKey: /)]));
    expect(issuesOf(() => loadConfig({ HUB_SITES: "[{oops" }))).toEqual([
      expect.stringMatching(/^HUB_SITES: not JSON/),
    ]);
    expect(
      issuesOf(() => loadConfig({ HUB_SITES: JSON.stringify([OAK]), SITE_ID: "x", METRC_LICENSE: "C10-1-LIC" })),
    ).toEqual([
      "SITE_ID: a hub with a sites list takes each site's id and license from the list; unset SITE_ID",
      "METRC_LICENSE: a hub with a sites list takes each site's id and license from the list; unset METRC_LICENSE",
    ]);
    const file = join(dir, "typo.json");
    writeFileSync(file, JSON.stringify({ HUB_PROT: 1, sites: [] }));
    expect(issuesOf(() => loadConfig({ HUB_CONFIG: file }))).toEqual([
      `HUB_CONFIG: ${file}: unknown key HUB_PROT`,
      `HUB_CONFIG ${file}: sites: list at least one site`,
    ]);
    expect(issuesOf(() => loadConfig({ HUB_CONFIG: join(dir, "missing.json") }))).toEqual([
      expect.stringMatching(/^HUB_CONFIG: .*missing\.json: ENOENT/),
    ]);
  });
});
