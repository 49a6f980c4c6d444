/**
 * Receiving through a running hub and its broker, with a station played by an MQTT client: the
 * restock manifest is synced from the METRC simulator and offered; the station's receive events
 * are recorded; the checklist follows; METRC's different outcome is flagged after the next sync.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "#contract/ids.js";
import { commandSchemas, type StationCommand } from "#contract/messages.js";
import type { LineDecision, Manifest, ReceivePayload } from "#contract/receiving.js";
import { topics } from "#contract/topics.js";
import { silentLog } from "#hub/log.js";
import { PG_TEST_URL, testDialects } from "#hub/testing/ledger.js";
import type { Checklist } from "./checklist.js";
import { RESTOCK_MANIFEST, startReceivingHub, type ReceivingHubRig } from "#hub/testing/receiving-hub.js";
import type { ManifestDetail } from "./queries.js";

/** Unique per run, so that runs sharing an external broker never see each other's station. */
const RUN = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
/** CI runs the integration suite a second time against Mosquitto (MQTT_URL); the embedded broker otherwise. */
const EXTERNAL_BROKER = process.env.MQTT_URL || undefined;
const FAILED = 7;
const SHORT = 8;

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function onPostgres(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

describe.each(await testDialects())(
  `receiving in a running hub on %s (${EXTERNAL_BROKER ? `Mosquitto at ${EXTERNAL_BROKER}` : "embedded aedes"})`,
  (dialect) => {
    const STATION = `vault-rx-${dialect.slice(0, 2)}-${RUN}`;
    const dir = mkdtempSync(join(tmpdir(), "vaultline-rx-"));
    const schema = `vl_rx_${randomBytes(5).toString("hex")}`;
    let rig: ReceivingHubRig;
    let station: MqttClient;
    const offers: StationCommand<"manifests">[] = [];

    const publish = (type: "receive", payload: ReceivePayload) =>
      station.publishAsync(
        topics.event(STATION, type),
        JSON.stringify({
          id: newId(),
          type,
          stationId: STATION,
          siteId: "int-site",
          at: new Date().toISOString(),
          employeeId: "emp-001",
          payload,
        }),
        { qos: 1 },
      );

    beforeAll(async () => {
      if (dialect === "postgres") await onPostgres(`create schema ${schema}`);
      rig = await startReceivingHub({
        dataDir: dir,
        log: silentLog(),
        failedLab: [FAILED],
        ...(EXTERNAL_BROKER ? { mqttUrl: EXTERNAL_BROKER } : {}),
        ...(dialect === "postgres" ? { postgres: { url: PG_TEST_URL, schema } } : {}),
      });
      station = await connectAsync(rig.hub.mqttUrl, { clientId: `station-${STATION}`, clean: true });
      station.on("message", (topic, payload) => {
        if (topic.endsWith("/cmd/manifests"))
          offers.push(commandSchemas.manifests.parse(JSON.parse(payload.toString())));
      });
      await station.subscribeAsync(topics.stationInbox(STATION), { qos: 1 });
      await station.publishAsync(
        topics.state(STATION),
        JSON.stringify({
          id: newId(),
          type: "state",
          stationId: STATION,
          siteId: "int-site",
          at: new Date().toISOString(),
          payload: { online: true, startedAt: new Date().toISOString() },
        }),
        { qos: 1, retain: true },
      );
    });
    afterAll(async () => {
      // The retained status would outlive the run on an external broker.
      await station?.publishAsync(topics.state(STATION), "", { qos: 1, retain: true }).catch(() => undefined);
      await station?.endAsync(true);
      await rig?.stop();
      rmSync(dir, { recursive: true, force: true });
      if (dialect === "postgres") await onPostgres(`drop schema if exists ${schema} cascade`);
    });

    let restock: Manifest;

    it("offers the synced manifests to the station, lines with lab state and COA links", async () => {
      await until("the offer when the station came online", () => (offers.length > 0 ? true : undefined));
      await rig.syncNow();
      restock = await until("the restock manifest offered", () =>
        offers.at(-1)?.payload.manifests.find((m) => m.manifestNumber === RESTOCK_MANIFEST),
      );
      expect(restock.lines.map((l) => l.label)).toEqual(rig.restockLabels);
      expect(restock.lines[FAILED]!.labState).toBe("TestFailed");
      expect(restock.lines.filter((l) => l.labState === "TestPassed")).toHaveLength(39);
      const bulk = restock.lines.find((l) => l.weightBased)!;
      expect(bulk).toMatchObject({ unit: "Grams", quantity: 453.6, containerTareGrams: 212 });
      expect(restock.lines[0]!.coa!.documentUrl).toMatch(new RegExp(`^${rig.hub.url}/receiving/coa/\\d+$`));
      const coa = await fetch(restock.lines[0]!.coa!.documentUrl!);
      expect(coa.status).toBe(200);
      expect(await coa.text()).toContain(`Certificate of analysis for ${restock.lines[0]!.label}`);
    });

    it("records the vault's decisions, withdraws the manifest and produces the checklist", async () => {
      const lines: LineDecision[] = restock.lines.map((l, i) => {
        if (i === FAILED)
          return {
            label: l.label,
            decision: "reject",
            reason: "failed-lab",
            receivedQuantity: l.quantity,
            unit: l.unit,
            location: "Quarantine",
          };
        if (i === SHORT)
          return {
            label: l.label,
            decision: "reject",
            reason: "short-weight",
            receivedQuantity: l.quantity - 1,
            unit: l.unit,
            location: "Quarantine",
            note: "one unit missing from the case",
          };
        return {
          label: l.label,
          decision: "accept",
          receivedQuantity: l.quantity,
          unit: l.unit,
          location: `Vault A-${1 + (i % 6)}`,
        };
      });
      for (const line of lines.slice(0, 3))
        await publish("receive", { action: "line", manifestNumber: RESTOCK_MANIFEST, receivingId: "rcv-int", line });
      await publish("receive", {
        action: "completed",
        manifestNumber: RESTOCK_MANIFEST,
        receivingId: "rcv-int",
        lines,
      });
      const detail = await until("the manifest completed", async () => {
        const d = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}`)).json()) as ManifestDetail;
        return d.stage === "completed" ? d : undefined;
      });
      expect(detail).toMatchObject({ total: 40, decided: 40, accepted: 38, rejected: 2, stationId: STATION });
      await until("the manifest withdrawn from the station", () =>
        offers.at(-1)!.payload.manifests.some((m) => m.manifestNumber === RESTOCK_MANIFEST) ? undefined : true,
      );
      const pkg = (await (await fetch(`${rig.hub.url}/api/packages/${restock.lines[FAILED]!.label}`)).json()) as {
        status: string;
        location: string;
      };
      expect(pkg).toMatchObject({ status: "quarantine", location: "Quarantine" });
      const checklist = (await (
        await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}/checklist`)
      ).json()) as Checklist;
      expect(checklist.rows.filter((r) => r.action === "reject").map((r) => r.position)).toEqual([
        FAILED + 1,
        SHORT + 1,
      ]);
    });

    it("flags the package METRC accepted although the vault rejected it, after the next sync", async () => {
      const accept = rig.restockLabels.filter((_, i) => i !== SHORT);
      const res = await fetch(`${rig.sim.url}/_sim/transfers/${RESTOCK_MANIFEST}/receive`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ accept, reject: [rig.restockLabels[SHORT]] }),
      });
      expect(res.status).toBe(200);
      await rig.syncNow();
      const detail = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}`)).json()) as ManifestDetail;
      expect(detail.flags.filter((f) => f.clearedAt === null).map((f) => [f.label, f.kind])).toEqual([
        [rig.restockLabels[FAILED], "state-differs"],
      ]);
      const kept = (await (await fetch(`${rig.hub.url}/api/packages/${rig.restockLabels[FAILED]}`)).json()) as {
        status: string;
      };
      expect(kept.status).toBe("quarantine");
      const page = await (await fetch(`${rig.hub.url}/receiving`)).text();
      expect(page).toContain(`data-manifest="${RESTOCK_MANIFEST}" data-stage="completed" data-flags="1"`);
    });
  },
);
