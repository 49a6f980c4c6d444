import { parseArgs } from "node:util";
import { brokerRestart } from "./drills/broker-restart.js";
import { clockJumps } from "./drills/clock-jumps.js";
import type { Drill } from "./drills/drill.js";
import { pause } from "./drills/drill.js";
import { fullDisk } from "./drills/full-disk.js";
import { hubKill } from "./drills/hub-kill.js";
import { hubPowerCut } from "./drills/hub-power-cut.js";
import { metrc429 } from "./drills/metrc-429.js";
import { metrcOutage } from "./drills/metrc-outage.js";
import { metrcSlow } from "./drills/metrc-slow.js";
import { stationKill } from "./drills/station-kill.js";
import { startRig, STATION_ID, type Rig } from "./rig.js";
import { landedScans, outboxDepth, startScanLoad } from "./scan-load.js";
import { reasons, table, tallyScans, type WriteCounts } from "./tally.js";
import { startSyncLoad, type SyncLoad } from "./sync-load.js";
import { startWriteLoad, type WriteLoad } from "./write-load.js";

/**
 * `npm run soak -- --minutes N`: fault drills against a real hub, station, Mosquitto and the
 * METRC simulator, each in its own process, under a steady load of scans, state-system writes
 * and new METRC packages for the hub's sync. The drills share the minutes in turn; then
 * everything is healed, given time to deliver, and stopped as systemd stops it. Prints sent,
 * acked, landed, duplicates and lost per drill, and exits 1 on any loss or on a fault the system
 * did not survive (scripts/soak/README.md).
 *
 * Options: --minutes (1), --drills a,b (all), --scans-per-second (8), --writes-per-second (1),
 * --drain-seconds (120), --keep (keep the folder with logs and data).
 */
const DRILLS: Drill[] = [
  stationKill,
  hubKill,
  brokerRestart,
  hubPowerCut,
  fullDisk,
  metrcOutage,
  metrc429,
  metrcSlow,
  clockJumps,
];

interface Options {
  minutes: number;
  drills: Drill[];
  scansPerSecond: number;
  writesPerSecond: number;
  drainSeconds: number;
  keep: boolean;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: "string", default: "1" },
      drills: { type: "string" },
      "scans-per-second": { type: "string", default: "8" },
      "writes-per-second": { type: "string", default: "1" },
      "drain-seconds": { type: "string", default: "120" },
      keep: { type: "boolean", default: false },
    },
  });
  const num = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${v}`);
    return n;
  };
  const names = values.drills
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names?.filter((n) => !DRILLS.some((d) => d.name === n)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown drill ${unknown.join(", ")}; drills: ${DRILLS.map((d) => d.name).join(", ")}`);
  return {
    minutes: num("minutes", values.minutes),
    drills: names ? DRILLS.filter((d) => names.includes(d.name)) : DRILLS,
    scansPerSecond: num("scans-per-second", values["scans-per-second"]),
    writesPerSecond: num("writes-per-second", values["writes-per-second"]),
    drainSeconds: num("drain-seconds", values["drain-seconds"]),
    keep: values.keep ?? false,
  };
}

interface DrillReport {
  name: string;
  notes: string[];
  skipped?: string;
  problem?: string;
}

/** Every process up, every fault cleared, both clocks true. */
async function heal(rig: Rig): Promise<void> {
  rig.metrc.control.clearFaults();
  rig.setClock("station", 0);
  rig.setClock("hub", 0);
  if (!("skipped" in rig.disk)) rig.disk.free();
  for (const t of ["hub", "station"] as const) if (!rig.isUp(t)) await rig.start(t);
}

async function runDrills(rig: Rig, opts: Options, setDrill: (name: string) => void): Promise<DrillReport[]> {
  const runnable = opts.drills.filter((d) => !d.skipped?.(rig));
  const slice = (opts.minutes * 60_000) / Math.max(1, runnable.length);
  const reports: DrillReport[] = [];
  for (const d of opts.drills) {
    const report: DrillReport = { name: d.name, notes: [] };
    reports.push(report);
    const skipped = d.skipped?.(rig);
    if (skipped) {
      report.skipped = skipped;
      continue;
    }
    setDrill(d.name);
    console.log(`soak: ${d.name} for ${Math.round(slice / 1000)} s`);
    try {
      await d.run(rig, Date.now() + slice, (line) => report.notes.push(line));
    } catch (e) {
      report.problem = (e as Error).message;
    }
    await heal(rig).catch((e: Error) => {
      report.problem = `${report.problem ?? ""} and the rig could not be healed: ${e.message}`.trim();
    });
  }
  return reports;
}

/** TimeoutStopSec of systemd/vaultline-station.service and vaultline-hub.service: then SIGKILL. */
const STOP_GRACE_MS = { station: 20_000, hub: 30_000 } as const;

/** Stops station and hub as systemd would; a part that outlives its unit's grace is a problem. */
async function shutdown(rig: Rig): Promise<DrillReport> {
  const r: DrillReport = { name: "shutdown", notes: [] };
  for (const t of ["station", "hub"] as const) {
    const ms = await rig.stop(t, STOP_GRACE_MS[t]);
    if (ms === null)
      r.problem = `${r.problem ? `${r.problem}; ` : ""}the ${t} did not exit within ${STOP_GRACE_MS[t] / 1000} s of SIGTERM`;
    else r.notes.push(`${t} stopped in ${(ms / 1000).toFixed(1)} s`);
  }
  return r;
}

/** The loads the drain waits for and the report reads. */
interface Loads {
  scans: ReturnType<typeof startScanLoad>;
  writes: WriteLoad;
  sync: SyncLoad;
}

/** What is still undelivered after the drain. */
interface Leftover {
  outbox: number | undefined;
  /** Packages added to METRC that the hub's sync has not fetched. */
  unsynced: string[];
}

/** Until the station's outbox is empty, every acked scan landed, no write waits and METRC's new packages reached the hub; or until the time is up. */
async function drain(rig: Rig, loads: Loads, seconds: number): Promise<Leftover> {
  const deadline = Date.now() + seconds * 1000;
  const acked = () => loads.scans.sent.filter((s) => s.outcome === "acked" && s.eventId).map((s) => s.eventId!);
  for (let last = 0; ; await pause(1_000)) {
    const landed = new Set(landedScans(rig.ledgerDir, STATION_ID).map((e) => e.id));
    const missing = acked().filter((id) => !landed.has(id)).length;
    const open = await loads.writes.open();
    const left: Leftover = { outbox: await outboxDepth(rig.stationUrl), unsynced: await loads.sync.missing() };
    if ((left.outbox === 0 && missing === 0 && open === 0 && left.unsynced.length === 0) || Date.now() >= deadline)
      return left;
    if (Date.now() - last > 10_000) {
      console.log(
        `soak: draining: outbox ${left.outbox ?? "?"}, ${missing} acked scans not in the ledger, ${open} writes queued, ${left.unsynced.length} METRC packages not synced`,
      );
      last = Date.now();
    }
  }
}

function report(
  opts: Options,
  rig: Rig,
  loads: Loads,
  writes: WriteCounts,
  drills: DrillReport[],
  left: Leftover,
): number {
  const { scans, sync } = loads;
  const { rows, total, lostCodes } = tallyScans(scans.sent, landedScans(rig.ledgerDir, STATION_ID));
  const notes = new Map(drills.map((d) => [d.name, d.notes.join("; ")]));
  const line = (r: (typeof rows)[number]) => [
    r.drill,
    r.sent,
    r.acked,
    r.refused,
    r.unanswered,
    r.landed,
    r.duplicates,
    r.lost,
    notes.get(r.drill) ?? "",
  ];
  console.log(
    `\nVaultline soak: ${opts.minutes} min, ${opts.scansPerSecond} scans/s, ${opts.writesPerSecond} writes/s`,
  );
  console.log("\nscans, station → hub ledger");
  console.log(
    table(
      ["drill", "sent", "acked", "refused", "unanswered", "landed", "duplicates", "lost", "notes"],
      [...rows.map(line), line(total)],
    ),
  );
  console.log("\nstate-system writes, hub → METRC");
  console.log(
    table(
      ["writes", "sent", "acked", "landed", "duplicates", "refused", "lost"],
      [["adjustments", writes.sent, writes.acked, writes.landed, writes.duplicates, writes.refused, writes.lost]],
    ),
  );
  console.log("\nstate-system reads, METRC → hub (incremental sync)");
  const synced = sync.labels.length - left.unsynced.length;
  console.log(
    table(["reads", "sent", "landed", "lost"], [["new packages", sync.labels.length, synced, left.unsynced.length]]),
  );
  const why = reasons(scans.sent);
  if (why.length > 0) console.log(`\nscans not acked: ${why.join(", ")}`);
  for (const d of drills) if (d.skipped) console.log(`skipped ${d.name}: ${d.skipped}`);
  const stop = drills.find((d) => d.name === "shutdown");
  if (stop && stop.notes.length > 0) console.log(`shutdown: ${stop.notes.join(", ")}`);
  const problems = drills.filter((d) => d.problem);
  for (const d of problems) console.log(`PROBLEM ${d.name}: ${d.problem}`);
  if (lostCodes.length > 0) {
    console.log(
      `lost: acked scans not in the ledger ${opts.drainSeconds} s after healing (first 10): ${lostCodes.slice(0, 10).join(", ")}`,
    );
    console.log(`      the station's outbox still held ${left.outbox ?? "? (station not answering)"} events`);
  }
  if (left.unsynced.length > 0)
    console.log(
      `lost: METRC packages the hub had not synced ${opts.drainSeconds} s after healing (first 5): ${left.unsynced.slice(0, 5).join(", ")}`,
    );
  const failed = total.lost > 0 || writes.lost > 0 || left.unsynced.length > 0 || problems.length > 0;
  console.log(
    `\nresult: ${failed ? `FAILED (${total.lost} scans, ${writes.lost} writes, ${left.unsynced.length} synced packages lost; ${problems.length} problems)` : "OK, nothing lost"}`,
  );
  if (failed || opts.keep) console.log(`logs and data: ${rig.root}`);
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const rig = await startRig({ resendMs: 3_000 });
  let drill = "baseline";
  const stopAll = async () => void (await rig.close(true));
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    const loads: Loads = {
      scans: startScanLoad({ url: rig.stationUrl, perSecond: opts.scansPerSecond, drill: () => drill }),
      writes: startWriteLoad({ ledgerDir: rig.ledgerDir, seed: rig.seed, perSecond: opts.writesPerSecond }),
      sync: startSyncLoad({ ledgerDir: rig.ledgerDir, metrc: rig.metrc, everyMs: 5_000 }),
    };
    await pause(3_000);
    const drills = await runDrills(rig, opts, (name) => (drill = name));
    drill = "after";
    await pause(2_000);
    await loads.scans.stop();
    await loads.writes.stop();
    loads.sync.stop();
    console.log("soak: drills done; healed; waiting for delivery");
    const left = await drain(rig, loads, opts.drainSeconds);
    drills.push(await shutdown(rig));
    const code = report(opts, rig, loads, await loads.writes.tally(rig.metrc), drills, left);
    await loads.writes.close();
    await loads.sync.close();
    await rig.close(opts.keep || code !== 0);
    return code;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`soak: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
