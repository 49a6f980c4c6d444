import { spawn } from "node:child_process";
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDist } from "../build.js";
import { percentile, type BenchRow } from "./table.js";

const benchScript = (name: string) => fileURLToPath(new URL(`../../station/bench/${name}.ts`, import.meta.url));

export interface ScanToScreen {
  scans: number;
  packages: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  delivered: number;
  outboxDepth: number;
}

/** The floor under every recorded scan on this disk: append one line and fdatasync it. */
export function fsyncBaseline(samples = 500): { p50: number; p99: number } {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-fsync-"));
  const fd = openSync(join(dir, "journal"), "a");
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    writeSync(fd, `{"id":"${i}","code":"1A4060300012B7C000003001"}\n`);
    fdatasyncSync(fd);
    times.push(performance.now() - t0);
  }
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

interface ReceiveScan {
  scans: number;
  packages: number;
  p50Ms: number;
  p99Ms: number;
  workflowP50Ms: number;
  workflowP99Ms: number;
  scanned: number;
  unexpected: number;
}

/** Runs one of station/bench's scripts (it starts the built station itself) and reads its JSON line. */
export function runStationBench<T>(name: string, args: number[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", benchScript(name), ...args.map(String)], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_STATION_DIST: "1" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("exit", (code) => {
      const line = out
        .trim()
        .split("\n")
        .findLast((l) => l.startsWith("{"));
      if (code !== 0 || !line) return reject(new Error(`${name} bench exited with ${code}`));
      resolve(JSON.parse(line) as T);
    });
  });
}

/**
 * Scan → fsynced outbox → SSE frame on the kiosk, with a 10,000-package replica and the station in
 * its own process, run as systemd runs it: the built JavaScript in dist/.
 */
export async function benchStationScan(scans = 10_000, packages = 10_000): Promise<BenchRow[]> {
  await buildDist();
  const floor = fsyncBaseline();
  const r = await runStationBench<ScanToScreen>("scan-to-screen", [scans, packages]);
  const bench = `station scan → screen (${packages.toLocaleString("en-US")}-package replica, dist build)`;
  return [
    { bench, metric: "baseline: append + fdatasync, median", value: floor.p50, unit: "ms" },
    { bench, metric: "baseline: append + fdatasync, p99", value: floor.p99, unit: "ms" },
    { bench, metric: "scan → SSE frame, median", value: r.p50Ms, unit: "ms" },
    { bench, metric: "scan → SSE frame, p99", value: r.p99Ms, unit: "ms", goal: "≤ 25", ok: r.p99Ms <= 25 },
    {
      bench,
      metric: `station RSS after ${r.scans.toLocaleString("en-US")} scans`,
      value: r.rssAfterMb,
      unit: "MB",
      goal: "≤ 120",
      ok: r.rssAfterMb <= 120,
    },
    {
      bench,
      metric: "scans in the hub ledger",
      value: r.delivered,
      unit: "scans",
      goal: `${r.scans}`,
      ok: r.delivered === r.scans,
    },
    {
      bench,
      metric: "outbox depth at the end",
      value: r.outboxDepth,
      unit: "events",
      goal: "0",
      ok: r.outboxDepth === 0,
    },
  ];
}

/** Receiving at the kiosk: scan → verdict frame on the receiving screen for a 1,000-package manifest. */
export async function benchReceiveScan(packages = 1_000): Promise<BenchRow[]> {
  await buildDist();
  const r = await runStationBench<ReceiveScan>("receive-scan", [packages]);
  const bench = `receiving scan → verdict (${packages.toLocaleString("en-US")}-package manifest, dist build)`;
  return [
    { bench, metric: "pure workflow step, median", value: r.workflowP50Ms, unit: "ms" },
    { bench, metric: "pure workflow step, p99", value: r.workflowP99Ms, unit: "ms" },
    { bench, metric: "scan → verdict on the kiosk, median", value: r.p50Ms, unit: "ms" },
    { bench, metric: "scan → verdict on the kiosk, p99", value: r.p99Ms, unit: "ms", goal: "≤ 25", ok: r.p99Ms <= 25 },
    {
      bench,
      metric: "manifest packages scanned",
      value: r.scanned,
      unit: "packages",
      goal: `${packages}`,
      ok: r.scanned === packages,
    },
  ];
}
