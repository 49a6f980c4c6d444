import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { StationStatus } from "#contract/messages.js";
import { silentLog } from "../log.js";
import { recordStationStatus } from "../ledger/stations.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { createApp, type WebDeps } from "./app.js";
import { LiveFeed } from "./live.js";
import { singleSite } from "#hub/sites/directory.js";

const NOW = Date.parse("2026-11-27T18:10:00.000Z");

/** A station that set journal lines aside at start and whose disk is full, as its retained status says. */
function troubledStatus(): StationStatus {
  const base = StationStatus.parse(loadExample("state"));
  return StationStatus.parse({
    ...base,
    payload: {
      ...base.payload,
      diskFull: true,
      setAside: {
        lines: 2,
        files: ["outbox.journal.set-aside"],
        latestReason: "outbox.journal line 7: not a valid scan event: at: Invalid ISO datetime",
      },
    },
  });
}

describe("hub dashboard: station journal lines set aside", () => {
  let ledger: TestLedger;
  let deps: WebDeps;

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await recordStationStatus(ledger.db, troubledStatus(), "2026-11-27T18:09:50.000Z");
    deps = {
      db: ledger.db,
      dialect: "sqlite",
      log: silentLog(),
      clock: { now: () => NOW },
      sites: singleSite(),
      live: new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
    };
  });
  afterAll(() => ledger?.dispose());

  it("shows disk full and the set-aside count beside the station's outbox, linked to the dead-letters page", async () => {
    const html = await (await createApp(deps).request("/")).text();
    expect(html).toMatch(
      /data-station="vault-1"[\s\S]*disk full[\s\S]*<a class="warn" href="\/dead-letters#set-aside"[^>]*> · 2 set aside<\/a>/,
    );
  });

  it("lists the station's set-aside lines on the dead-letters page with the file and the reason", async () => {
    const html = await (await createApp(deps).request("/dead-letters")).text();
    expect(html).toContain("Set aside at stations");
    expect(html).toMatch(
      /<tr data-station="vault-1"><td>vault-1<\/td><td>2<\/td><td><code>outbox.journal.set-aside <\/code><\/td><td>outbox.journal line 7: not a valid scan event/,
    );
  });

  it("reports both in GET /api/stations", async () => {
    const [station] = (await (await createApp(deps).request("/api/stations")).json()) as Array<{
      diskFull: boolean;
      setAside: { lines: number } | null;
    }>;
    expect(station).toMatchObject({ diskFull: true, setAside: { lines: 2, files: ["outbox.journal.set-aside"] } });
  });
});
