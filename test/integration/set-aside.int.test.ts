import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newId } from "#contract/ids.js";
import { countDeadLetters } from "#hub/ledger/dead-letters.js";
import { listStations } from "#hub/ledger/stations.js";
import {
  brokerName,
  cleanUpAfterEach,
  eventually,
  planHub,
  runHub,
  runStation,
  storedEvents,
  tagFor,
  tempDir,
  uniqueStationId,
} from "../support/rig.js";

/**
 * A corrupt journal line that still parses as JSON (issue: it was resent and dead-lettered every
 * 16 s, and the outbox never drained). Replay sets it aside; the rest drains; the hub shows it.
 */
const cleanups = cleanUpAfterEach();

function scanLine(stationId: string, code: string, over: Record<string, unknown> = {}): string {
  const env = {
    id: newId(),
    type: "scan",
    stationId,
    siteId: "int-site",
    at: new Date().toISOString(),
    payload: {
      code,
      scannerId: "scanner-1",
      classification: { kind: "metrc-tag", tag: code, form: "strict" },
      workflow: "idle",
    },
    ...over,
  };
  return `+${JSON.stringify(env)}\n`;
}

describe(`journal lines set aside at start, over ${brokerName}`, () => {
  it("delivers the valid events, never sends the bad one, and the hub lists the station's set-aside lines", async () => {
    const plan = await planHub();
    const hub = await runHub(plan);
    cleanups.push(() => hub.stop());
    const stationId = uniqueStationId("aside");
    const data = tempDir("vaultline-int-station-");
    cleanups.push(data.remove);
    await mkdir(data.dir, { recursive: true });
    const good = [scanLine(stationId, tagFor(1)), scanLine(stationId, tagFor(2))];
    const corrupt = scanLine(stationId, tagFor(3), { at: "not a time" });
    await writeFile(join(data.dir, "outbox.journal"), good[0] + corrupt + '+{"id":"x"}\n' + good[1]);

    const station = await runStation({
      STATION_ID: stationId,
      STATION_DATA_DIR: data.dir,
      MQTT_URL: plan.mqttUrl,
      OUTBOX_RESEND_MS: "500",
    });
    cleanups.push(() => station.stop());
    expect(station.outboxDepth()).toBe(2);
    await eventually(() => station.outboxDepth() === 0, 30_000, "the outbox to drain");
    expect((await storedEvents(hub, stationId)).map((e) => e.code).sort()).toEqual([tagFor(1), tagFor(2)]);
    expect(await countDeadLetters(hub.db)).toBe(0);

    await eventually(
      async () => (await listStations(hub.db)).find((s) => s.id === stationId)?.status.setAside?.lines === 2,
      30_000,
      "the set-aside count in the station's status",
    );
    const seen = (await listStations(hub.db)).find((s) => s.id === stationId)!;
    expect(seen.status.setAside).toMatchObject({
      files: ["outbox.journal.set-aside"],
      latestReason: expect.stringMatching(/^outbox\.journal line \d: /),
    });
    const status = (await (await fetch(`${station.url}/api/status`)).json()) as {
      diskFull: boolean;
      setAside: { lines: number };
    };
    expect(status).toMatchObject({ diskFull: false, setAside: { lines: 2 } });
  });
});
