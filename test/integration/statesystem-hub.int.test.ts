/**
 * The state system inside a running hub: a sync from the METRC simulator makes synced packages
 * answer at GET /api/packages/:label with item, quantity and unit, and the /statesystem screen
 * is served by the hub's web app.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "#hub/config.js";
import { silentLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { systemClock } from "#hub/clock.js";
import { loadStateSystemConfig } from "#hub/statesystem/config.js";
import { startStateSystemModule, type StateSystemModule } from "#hub/statesystem/module.js";
import { PG_TEST_URL, testDialects } from "#hub/testing/ledger.js";
import { INCOMING_1, LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";

async function onPostgres(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

describe.each(await testDialects())("state system in a running hub on %s", (dialect) => {
  const schema = `vl_ss_${randomBytes(5).toString("hex")}`;
  const ledger = dialect === "postgres" ? { HUB_DB_URL: PG_TEST_URL, HUB_DB_SCHEMA: schema } : {};
  let dir: string;
  let rig: Rig;
  let hub: RunningHub;
  let mod: StateSystemModule | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-ss-hub-"));
    if (dialect === "postgres") await onPostgres(`create schema ${schema}`);
    rig = await startRig({ clock: systemClock });
    const env = {
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: rig.sim.url,
      METRC_LICENSE: rig.sim.control.state.license,
    };
    // The hub mounts route modules when it starts; this one needs the ledger the hub opens.
    const screen = new Hono().all("*", (c) =>
      mod ? new Hono().route("/statesystem", mod.route.app).fetch(c.req.raw) : c.text("starting", 503),
    );
    hub = await startHub(
      loadConfig({ HUB_PORT: "0", MQTT_PORT: "0", HUB_DATA_DIR: dir, LOG_LEVEL: "silent", ...ledger }),
      {
        log: silentLog(),
        web: { extraRoutes: [{ path: "/statesystem", app: screen }] },
        beforeStart: async (db) => {
          mod = startStateSystemModule({
            config: loadStateSystemConfig(env),
            db,
            log: silentLog(),
            syncAtStart: false,
          });
        },
      },
    );
  });
  afterEach(async () => {
    await mod?.stop();
    await hub.stop();
    await rig.stop();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") await onPostgres(`drop schema if exists ${schema} cascade`);
  });

  it("answers synced packages at /api/packages/:label and serves /statesystem", async () => {
    expect((await fetch(`${hub.url}/api/packages/${LABEL_B}`)).status).toBe(404);
    rig.sim.control.receiveTransfer("0000900001", { accept: [INCOMING_1], location: "Vault A-2" });
    expect((await mod!.worker.syncNow()).ok).toBe(true);
    const body = (await (await fetch(`${hub.url}/api/packages/${LABEL_B}`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      label: LABEL_B,
      known: true,
      quantity: 453.6,
      unit: "Grams",
      item: { name: "OG Kush Bulk" },
    });
    const received = (await (await fetch(`${hub.url}/api/packages/${INCOMING_1}`)).json()) as Record<string, unknown>;
    expect(received).toMatchObject({ quantity: 48, unit: "Each", location: "Vault A-2" });
    const screen = await fetch(`${hub.url}/statesystem`);
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain("Sync from the state system");
  });
});
