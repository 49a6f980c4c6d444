import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { silentLog } from "../log.js";
import { insertEvents, toEventRow } from "../ledger/events.js";
import { seedLedger } from "../ledger/seed.js";
import { ONE_PACKAGE, openTestLedger, type TestLedger, TEST_SITE, TEST_TAG as TAG } from "#hub/testing/ledger.js";
import { LiveFeed, type FeedEntry } from "./live.js";
import { singleSite } from "#hub/sites/directory.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));
const door = eventSchemas.door.parse(loadExample("door"));

describe("live scan feed", () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedLedger(ledger.db, TEST_SITE, ONE_PACKAGE);
  });
  afterAll(() => ledger?.dispose());

  it("publishes the newest scans of a batch, newest first, named when the catalog knows the tag", async () => {
    const feed = new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() });
    const batches: FeedEntry[][] = [];
    feed.events.on("scans", (entries) => batches.push(entries));
    const other = "1A4060300002199000000777";
    const scans = Array.from({ length: 30 }, (_, i) => {
      const code = i % 2 === 0 ? TAG : other;
      return {
        ...scan,
        id: newId(),
        payload: {
          ...scan.payload,
          code,
          classification: { kind: "metrc-tag" as const, tag: code, form: "strict" as const },
        },
      };
    });
    feed.stored([...scans, door]);
    await feed.settled();
    expect(batches).toHaveLength(1);
    const shown = batches[0]!;
    expect(shown.map((e) => e.id)).toEqual(
      scans
        .slice(-20)
        .reverse()
        .map((s) => s.id),
    );
    expect(shown.find((e) => e.code === TAG)?.itemName).toBe("Blue Dream 3.5 g");
    expect(shown.find((e) => e.code === other)?.itemName).toBeUndefined();
    feed.stored(scans.slice(0, 5));
    feed.stored(scans.slice(5, 30));
    feed.stored(scans);
    await feed.settled();
    expect(feed.recent()).toHaveLength(50);
    expect(feed.recent()[0]?.id).toBe(scans.at(-1)?.id);
  });

  it("keeps the vault door events, newest first, with who was signed in (nobody: null)", async () => {
    const feed = new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() });
    const seen: unknown[][] = [];
    feed.events.on("doors", (entries) => seen.push(entries));
    const { employeeId: _who, ...unattended } = { ...door, id: newId(), at: "2026-11-27T18:10:00.000Z" };
    feed.stored([door, scan, unattended]);
    await feed.settled();
    expect(seen).toHaveLength(1);
    expect(feed.doors().map((d) => [d.id, d.employeeId, d.open])).toEqual([
      [unattended.id, null, true],
      [door.id, "emp-001", true],
    ]);
  });

  it("starts from the door events the ledger stored, so a restarted hub still shows them", async () => {
    const held = {
      ...door,
      id: newId(),
      at: "2026-11-27T18:20:00.000Z",
      payload: { ...door.payload, heldOpenAlarm: true },
    };
    await insertEvents(ledger.db, [toEventRow(held, held.at)]);
    const feed = new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() });
    await feed.restoreDoors();
    expect(feed.doors()[0]).toMatchObject({ id: held.id, heldOpenAlarm: true, employeeId: "emp-001" });
  });
});
