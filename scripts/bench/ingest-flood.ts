/**
 * Ingest under a flood of bad input, on PostgreSQL: one station sends 100 real scans (one every
 * 150 ms, resending what is unacked every 2 s as its outbox does) while a rogue client sends
 * messages carrying NUL (in employeeId, in siteId, as raw bytes) as fast as it can for 15 s.
 * Prints one JSON line: real scans landed and acked, rogue messages sent and dead-lettered,
 * "batch not stored" count, and what /api/health answered once a second.
 *
 *   npx tsx scripts/bench/ingest-flood.ts      (HUB_TEST_PG_URL, FLOOD_MS to change the defaults)
 *
 * A correctness measurement, not a budget: it is not part of `npm run bench`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { connectAsync, type MqttClient } from "mqtt";
import pg from "pg";
import { pino } from "pino";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "#hub/config.js";
import { startHub } from "#hub/main.js";

const PG_URL = process.env.HUB_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const FLOOD_MS = Number(process.env.FLOOD_MS ?? 15_000);
const REAL_SCANS = 100;
const scan = loadExample("scan") as Record<string, unknown>;

/** The rogue's three kinds of message, in turn. */
const poison = [
  () => JSON.stringify({ ...scan, id: newId(), stationId: "vault-9", employeeId: "emp\u0000001" }),
  () => JSON.stringify({ ...scan, id: newId(), stationId: "vault-9", siteId: "green\u0000leaf" }),
  () => Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0]), Buffer.from('"}')]),
];

async function flood(rogue: MqttClient, until: () => boolean): Promise<number> {
  let sent = 0;
  while (!until()) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        rogue.publishAsync(topics.event("vault-9", "scan"), poison[(sent + i) % poison.length]!(), { qos: 1 }),
      ),
    );
    sent += 20;
  }
  return sent;
}

/** The real station: scans at a steady pace, resending whatever is not acked yet. */
async function station(client: MqttClient, acked: Set<string>): Promise<void> {
  const sent: { id: string; body: string }[] = [];
  const resend = setInterval(() => {
    for (const s of sent)
      if (!acked.has(s.id)) void client.publishAsync(topics.event("vault-1", "scan"), s.body, { qos: 1 });
  }, 2_000);
  for (let i = 0; i < REAL_SCANS; i++) {
    const e = { ...scan, id: newId(), stationId: "vault-1", at: new Date().toISOString() };
    sent.push({ id: e.id, body: JSON.stringify(e) });
    await client.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(e), { qos: 1 });
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, Math.max(0, FLOOD_MS - REAL_SCANS * 150)));
  clearInterval(resend);
}

async function run(schema: string, dir: string): Promise<Record<string, unknown>> {
  let notStored = 0;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      const line = JSON.parse(String(chunk)) as { msg: string; batches?: number };
      if (line.msg === "batch not stored") notStored += line.batches ?? 1;
      cb();
    },
  });
  const hub = await startHub(
    loadConfig({ HUB_PORT: "0", MQTT_PORT: "0", HUB_DATA_DIR: dir, HUB_DB_URL: PG_URL, HUB_DB_SCHEMA: schema }),
    { log: pino({ level: "info" }, sink) },
  );
  const real = await connectAsync(hub.mqttUrl, { clientId: "station-vault-1" });
  const rogue = await connectAsync(hub.mqttUrl, { clientId: "station-vault-9" });
  const acked = new Set<string>();
  real.on("message", (_t, p) => {
    for (const id of (JSON.parse(p.toString()) as { ids: string[] }).ids) acked.add(id);
  });
  await real.subscribeAsync(topics.ack("vault-1"), { qos: 1 });
  const health: Record<number, number> = {};
  const probe = setInterval(
    () => void fetch(`${hub.url}/api/health`).then((r) => void (health[r.status] = (health[r.status] ?? 0) + 1)),
    1_000,
  );
  let done = false;
  const [rogueSent] = await Promise.all([
    flood(rogue, () => done),
    station(real, acked).then(() => void (done = true)),
  ]);
  clearInterval(probe);
  const landed = await hub.db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("station_id", "=", "vault-1")
    .executeTakeFirstOrThrow();
  const dead = await hub.db
    .selectFrom("dead_letters")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await real.endAsync(true);
  await rogue.endAsync(true);
  await hub.stop();
  return {
    floodMs: FLOOD_MS,
    realSent: REAL_SCANS,
    realLanded: Number(landed.n),
    realAcked: acked.size,
    rogueSent,
    deadLetters: Number(dead.n),
    batchNotStored: notStored,
    healthAnswers: health,
  };
}

const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const schema = `vl_flood_${randomBytes(4).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "vaultline-flood-"));
await admin.query(`create schema ${schema}`);
try {
  console.log(JSON.stringify(await run(schema, dir)));
} finally {
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
