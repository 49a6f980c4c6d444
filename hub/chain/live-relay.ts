/**
 * The dashboard's live feeds across a chain's hub processes: the process that stored a batch
 * sends its scans and door events (the part a person reads) with PostgreSQL NOTIFY, and every
 * other process hands them to its own LiveFeed, so a dashboard behind a load balancer shows every
 * station's scans whichever process serves it. Station changes are relayed the same way.
 */
import pg from "pg";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Log } from "#hub/log.js";
import type { LiveFeed } from "#hub/web/live.js";

/** NOTIFY payloads must stay under 8,000 bytes (PostgreSQL NOTIFY). */
const MAX_PAYLOAD = 7_500;
/** Scans and door events relayed per stored batch (the dashboard shows the newest 20). */
const PER_BATCH = 20;

interface Note {
  from: string;
  events?: AnyStationEvent[];
  stations?: true;
}

export interface LiveRelay {
  /** A batch this process stored: its live part goes to the other processes. */
  stored(events: readonly AnyStationEvent[]): void;
  /** Stations changed here: the other processes' dashboards refresh theirs. */
  stationsChanged(): void;
  stop(): Promise<void>;
}

function liveOnly(events: readonly AnyStationEvent[]): AnyStationEvent[] {
  const out: AnyStationEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < PER_BATCH; i--) {
    const e = events[i]!;
    if (e.type === "scan" || e.type === "door") out.unshift(e);
  }
  return out;
}

/** Listens on the ledger's channel and sends this process's notes on it. */
export async function startLiveRelay(deps: {
  dbUrl: string;
  scope: string;
  live: LiveFeed;
  log: Log;
}): Promise<LiveRelay> {
  const log = deps.log.child({ mod: "chain-live" });
  const channel = `vaultline_live_${deps.scope.replace(/[^a-z0-9_]/g, "_")}`.slice(0, 63);
  const me = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: deps.dbUrl, connectionTimeoutMillis: 5_000 });
  client.on("error", (err) => log.warn({ err: err.message }, "live relay connection lost"));
  await client.connect();
  await client.query(`LISTEN ${channel}`);
  client.on("notification", (n) => {
    try {
      const note = JSON.parse(n.payload ?? "{}") as Note;
      if (note.from === me) return;
      if (note.events) deps.live.stored(note.events);
      if (note.stations) deps.live.stationsChanged();
    } catch (err) {
      log.warn({ err: (err as Error).message }, "live relay note not read");
    }
  });
  let sending: Promise<void> = Promise.resolve();
  const send = (note: Note) => {
    let body = JSON.stringify(note);
    while (body.length > MAX_PAYLOAD && note.events && note.events.length > 1) {
      note.events = note.events.slice(Math.ceil(note.events.length / 2));
      body = JSON.stringify(note);
    }
    if (body.length > MAX_PAYLOAD) return;
    // One query at a time on the connection (pg queues them, and warns when asked to).
    sending = sending
      .then(() => client.query("SELECT pg_notify($1, $2)", [channel, body]))
      .then(
        () => undefined,
        (err: Error) => log.warn({ err: err.message }, "live relay note not sent"),
      );
  };
  return {
    stored(events) {
      const part = liveOnly(events);
      if (part.length > 0) send({ from: me, events: part });
    },
    stationsChanged: () => send({ from: me, stations: true }),
    stop: async () => {
      await sending;
      await client.end().catch(() => undefined);
    },
  };
}
