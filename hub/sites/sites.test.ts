import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, StationStatus } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import type { Package } from "#contract/domain.js";
import { createIngest } from "#hub/ingest/ingest.js";
import { createStationSync } from "#hub/ingest/station-sync.js";
import { findPackage, upsertItems } from "#hub/ledger/catalog.js";
import { latestDeadLetters } from "#hub/ledger/dead-letters.js";
import { insertEvents, toEventRow } from "#hub/ledger/events.js";
import { fullPackageHistory } from "#hub/ledger/history.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { listStations, recordStationStatus } from "#hub/ledger/stations.js";
import { silentLog } from "#hub/log.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { twoSites } from "#hub/testing/sites-kit.js";
import { createApp } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";

const TAG = "1A4060300012B7C000003001";
const AT = "2026-11-27T10:00:00.000Z";
const sites = twoSites();
const scan = eventSchemas.scan.parse(loadExample("scan"));
const status = StationStatus.parse(loadExample("state"));
const item = {
  id: "item-1",
  name: "Blue Dream 3.5g",
  category: "flower" as const,
  unit: "Each" as const,
  weightBased: false,
};
const pkgAt = (location: string, quantity: number): Omit<Package, "label"> => ({
  itemId: "item-1",
  quantity,
  unit: "Each",
  location,
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-11-01",
});
const scanAt = (site: string, stationId: string) => ({
  ...scan,
  id: newId(),
  at: AT,
  siteId: site,
  stationId,
  payload: {
    ...scan.payload,
    code: TAG,
    classification: { kind: "metrc-tag" as const, tag: TAG, form: "strict" as const },
  },
});

describe.each(await testDialects())("two sites on one hub (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    for (const [site, location, quantity] of [
      ["oakland", "Vault A-1", 24],
      ["denver", "Back room 2", 10],
    ] as const) {
      await upsertItems(ledger.db, site, [{ ...item, name: `${item.name} (${site})` }], AT);
      await recordPackageChanges(ledger.db, site, [
        { label: TAG, at: AT, why: "receiving.accepted", by: { actor: "system" }, to: pkgAt(location, quantity) },
      ]);
      await recordStationStatus(ledger.db, { ...status, siteId: site, stationId: `vault-${site}` }, AT);
    }
    await insertEvents(ledger.db, [
      toEventRow(scanAt("oakland", "vault-oakland"), AT),
      toEventRow(scanAt("denver", "vault-denver"), AT),
    ]);
  });
  afterAll(async () => ledger.dispose());

  it("keeps two sites' packages with the same label apart: the package, its item, its history", async () => {
    expect(await findPackage(ledger.db, "oakland", TAG)).toMatchObject({
      pkg: { location: "Vault A-1", quantity: 24 },
      item: { name: "Blue Dream 3.5g (oakland)" },
    });
    expect(await findPackage(ledger.db, "denver", TAG)).toMatchObject({
      pkg: { location: "Back room 2", quantity: 10 },
      item: { name: "Blue Dream 3.5g (denver)" },
    });
    const history = async (site: string) =>
      (await fullPackageHistory(ledger.db, site, TAG, { envelopeSite: sites.envelopeFilter(site) })).map((h) => [
        h.type,
        h.stationId,
      ]);
    expect(await history("oakland")).toEqual([
      ["scan", "vault-oakland"],
      ["movement", null],
    ]);
    expect(await history("denver")).toEqual([
      ["scan", "vault-denver"],
      ["movement", null],
    ]);
  });

  it("answers /api/packages/:label for the site asked, asks which when two hold it, and 404s an unknown site", async () => {
    const app = createApp({
      db: ledger.db,
      dialect,
      log: silentLog(),
      clock: { now: () => Date.parse(AT) },
      sites,
      live: new LiveFeed({ db: ledger.db, log: silentLog(), sites }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
    });
    const get = async (path: string) => {
      const res = await app.request(path);
      return [res.status, (await res.json()) as Record<string, unknown>] as const;
    };
    expect(await get(`/api/packages/${TAG}?site=denver`)).toEqual([
      200,
      expect.objectContaining({ site: "denver", location: "Back room 2", quantity: 10 }),
    ]);
    expect(await get(`/api/packages/${TAG}?site=oakland`)).toEqual([
      200,
      expect.objectContaining({ site: "oakland", location: "Vault A-1", quantity: 24 }),
    ]);
    expect(await get(`/api/packages/${TAG}`)).toEqual([
      409,
      { error: `label ${TAG} is a package at sites oakland, denver: ask with ?site=`, sites: ["oakland", "denver"] },
    ]);
    expect(await get(`/api/packages/${TAG}?site=boulder`)).toEqual([
      404,
      { error: expect.stringMatching(/^no site "boulder" here: this hub serves oakland/) },
    ]);
    const [, stations] = await get("/api/stations?site=denver");
    expect((stations as unknown as Array<{ id: string }>).map((s) => s.id)).toEqual(["vault-denver"]);
    const [, all] = await get("/api/stations");
    expect((all as unknown as Array<{ id: string }>).map((s) => s.id)).toEqual(["vault-denver", "vault-oakland"]);
    const home = await (await app.request("/?site=denver")).text();
    expect(home).toContain('aria-label="Site"');
    expect(home).toContain('href="/?site=oakland"');
    expect(home).toContain("vault-denver");
    expect(home).not.toContain("vault-oakland</td>");
  });

  it("sends each station its own site's catalog, and a site's change to that site's stations only", async () => {
    const sent: Array<{ topic: string; packages: Package[] }> = [];
    const sync = createStationSync({
      db: ledger.db,
      sites,
      log: silentLog(),
      clock: { now: () => Date.parse(AT) },
      publish: async (topic, payload) =>
        void sent.push({
          topic,
          packages: (JSON.parse(payload) as { payload: { packages?: Package[] } }).payload.packages ?? [],
        }),
    });
    await sync.sendFull("vault-denver");
    const catalog = sent.filter((s) => s.topic === topics.command("vault-denver", "catalog"));
    expect(catalog.flatMap((s) => s.packages.map((p) => [p.label, p.location]))).toEqual([[TAG, "Back room 2"]]);
    sent.length = 0;
    await sync.publishCatalogChange({ site: "oakland", packages: [{ label: TAG, ...pkgAt("Sales floor", 24) }] });
    expect(sent.map((s) => s.topic)).toEqual([topics.command("vault-oakland", "catalog")]);
  });
});

describe("the ingest with a sites list", () => {
  it("sets aside an event or a status naming a site the hub does not serve, with the reason, and stores the others", async () => {
    const ledger = await openTestLedger("sqlite");
    const acked: string[] = [];
    const ingest = createIngest({
      db: ledger.db,
      sites,
      log: silentLog(),
      clock: { now: () => Date.parse(AT) },
      batchSize: 10,
      flushMs: 1,
      publish: async (topic) => void acked.push(topic),
    });
    try {
      ingest.handle(topics.event("vault-9", "scan"), JSON.stringify(scanAt("boulder", "vault-9")));
      ingest.handle(topics.state("vault-9"), JSON.stringify({ ...status, stationId: "vault-9", siteId: "boulder" }));
      ingest.handle(topics.event("vault-denver", "scan"), JSON.stringify(scanAt("denver", "vault-denver")));
      await ingest.flush();
      const dead = await latestDeadLetters(ledger.db, 10);
      expect(dead.map((d) => [d.topic, d.reason])).toEqual(
        expect.arrayContaining([
          [
            topics.event("vault-9", "scan"),
            'site "boulder" is not served by this hub (HUB_SITES lists oakland, denver): set the station\'s SITE_ID to one of them',
          ],
          [
            topics.state("vault-9"),
            'site "boulder" is not served by this hub (HUB_SITES lists oakland, denver): set the station\'s SITE_ID to one of them',
          ],
        ]),
      );
      expect(ingest.stats()).toMatchObject({ stored: 1, deadLettered: 2 });
      expect(acked).toEqual([topics.ack("vault-denver")]);
      expect((await listStations(ledger.db)).map((s) => s.id)).toEqual(["vault-denver"]);
    } finally {
      await ingest.close();
      await ledger.dispose();
    }
  });
});
