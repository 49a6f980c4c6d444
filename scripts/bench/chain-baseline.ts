import mqtt from "mqtt";
import pg from "pg";
import { topics } from "#contract/topics.js";
import { runPublisher } from "./run-publisher.js";

/**
 * The bare pipeline the chain's ingest is compared with, in the same run and the same cluster and
 * PostgreSQL schema: an mqtt.js QoS 1 subscriber and batched `INSERT … ON CONFLICT (id) DO NOTHING`
 * every 5 ms, with no validation and no acks.
 */
export async function chainBaseline(opts: {
  mqttUrl: string;
  login: { username: string; password: string };
  dbUrl: string;
  schema: string;
  count: number;
  stations: number;
}): Promise<{ eventsPerSecond: number; stored: number }> {
  const pool = new pg.Pool({ connectionString: opts.dbUrl, max: 2, options: `-c search_path=${opts.schema}` });
  await pool.query("CREATE TABLE baseline_events (id text PRIMARY KEY, topic text NOT NULL, payload text NOT NULL)");
  const client = await mqtt.connectAsync(opts.mqttUrl, {
    ...opts.login,
    clientId: "bench-baseline",
    clean: true,
    protocolVersion: 4,
  });
  await client.subscribeAsync(topics.allEvents, { qos: 1 });
  let pending: [string, string, string][] = [];
  let stored = 0;
  client.on("message", (topic, payload) => {
    const text = payload.toString();
    pending.push([(JSON.parse(text) as { id: string }).id, topic, text]);
  });
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(",");
    const r = await pool.query(
      `INSERT INTO baseline_events (id, topic, payload) VALUES ${values} ON CONFLICT (id) DO NOTHING`,
      rows.flat(),
    );
    stored += r.rowCount ?? 0;
  };
  const timer = setInterval(() => void (writing = writing.then(flush)), 5);
  try {
    const started = performance.now();
    await runPublisher(withLogin(opts.mqttUrl, opts.login), opts.count, opts.stations, "baseline");
    const deadline = Date.now() + 120_000;
    while (stored < opts.count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const ms = performance.now() - started;
    return { eventsPerSecond: (stored / ms) * 1000, stored };
  } finally {
    clearInterval(timer);
    await writing;
    await client.endAsync();
    await pool.end();
  }
}

/** The URL with the login in it (the publisher child takes one URL). */
export function withLogin(url: string, login: { username: string; password: string }): string {
  const u = new URL(url);
  u.username = login.username;
  u.password = login.password;
  return u.toString();
}
