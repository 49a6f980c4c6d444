import Database from "better-sqlite3";
import mqtt from "mqtt";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { topics } from "#contract/topics.js";
import { runPublisher } from "./run-publisher.js";

/**
 * The bare pipeline the hub's ingest is compared with, in the same run: an mqtt.js QoS 1
 * subscriber and batched SQLite inserts (id primary key), with no validation and no acks.
 */
export async function baselineIngest(
  url: string,
  count: number,
): Promise<{ eventsPerSecond: number; stored: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-baseline-"));
  const db = new Database(join(dir, "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE events (id TEXT PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO events (id, topic, payload) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING");
  let pending: Array<[string, string, string]> = [];
  let stored = 0;
  const flush = db.transaction((rows: Array<[string, string, string]>) => {
    for (const r of rows) stored += insert.run(...r).changes;
  });
  const client = await mqtt.connectAsync(url, { clientId: "baseline-sub", clean: true });
  await client.subscribeAsync(topics.allEvents, { qos: 1 });
  client.on("message", (topic, payload) => {
    const text = payload.toString();
    pending.push([(JSON.parse(text) as { id: string }).id, topic, text]);
  });
  const timer = setInterval(() => {
    if (pending.length) {
      const rows = pending;
      pending = [];
      flush(rows);
    }
  }, 5);
  const started = performance.now();
  await runPublisher(url, count, 4, "baseline");
  let finished = performance.now();
  const deadline = Date.now() + 60_000;
  while (stored < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
    finished = performance.now();
  }
  clearInterval(timer);
  await client.endAsync();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const ms = finished - started;
  return { eventsPerSecond: (stored / ms) * 1000, stored, ms };
}
