import { classifyBarcode } from "#contract/barcode.js";
import { manifestOf, offerManifests, post, receiveTag, signInCoordinator } from "#station/testing/receiving-rig.js";
import { fakeHub, startBroker, until } from "#station/testing/broker.js";
import { tempDir } from "#station/testing/helpers.js";
import { receive, startReceiving, type ReceiveRules } from "#station/workflows/receive/machine.js";
import { followFrames, freePort, startStationChild, stopStationChild } from "./bench-station.js";

/**
 * Receiving a manifest package by package, measured end to end: POST /sim/scan to a station in
 * its own process (typed on the simulated scanner, fsynced in the outbox, classified against the
 * open manifest, journaled and fsynced) until the verdict frame (`rx-flash` carrying the scan's
 * id) arrives on the kiosk's receiving stream. The mix has duplicates, tags not on the manifest
 * and codes that are not tags. Also times the pure workflow step alone. Prints one JSON line.
 *
 *   npx tsx station/bench/receive-scan.ts [packages=1000]
 *   (BENCH_STATION_DIST=1 runs the station from dist/, as systemd does; `npm run build` first)
 */
const packageCount = Number(process.argv[2] ?? 1000);

/** Every manifest tag once; after every 50th a duplicate, every 100th an unknown tag and a non-tag. */
function scanPlan(): string[] {
  const plan: string[] = [];
  for (let i = 0; i < packageCount; i++) {
    plan.push(receiveTag(i));
    if (i % 50 === 49) plan.push(receiveTag(i - 7));
    if (i % 100 === 99) plan.push(receiveTag(900_000 + i), "1A4060300012B7C0000");
  }
  return plan;
}

/** Follows /receive/events and notes when each scan's verdict frame arrives (performance.now()). */
function followVerdicts(url: string) {
  return followFrames(`${url}/receive/events`, /^event: rx-flash\ndata: [^\n]*?data-scan-id="([^"]+)"/);
}

async function openManifest(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const api = (await (await fetch(`${url}/api/status`)).json()) as { signedIn: unknown };
    if (!api.signedIn) await signInCoordinator(url);
    const r = await post(`${url}/receive/open`, { manifestNumber: "0000012345" }, true);
    if (r.status === 200) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error("could not sign in and open the manifest");
}

/** The pure workflow step alone, per scan, ms. */
function workflowTimes(plan: string[]): number[] {
  const rules: ReceiveRules = {
    tolerance: { pct: 1, grams: 0.5 },
    quarantineLocation: "Quarantine",
    emptyBelowGrams: 2,
  };
  let s = startReceiving({ receivingId: "bench", manifest: manifestOf(packageCount), employeeId: "emp-001", at: 0 });
  return plan.map((code, i) => {
    const t0 = performance.now();
    s = receive(
      s,
      { type: "scan", scanId: String(i), code, classification: classifyBarcode(code), at: i },
      rules,
    ).state;
    return performance.now() - t0;
  });
}

function pct(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(3));
}

async function measure(url: string): Promise<Record<string, number>> {
  await openManifest(url);
  const { arrivals, stop } = await followVerdicts(url);
  await new Promise((r) => setTimeout(r, 500));
  const plan = scanPlan();
  const latencies: number[] = [];
  for (const code of plan) {
    const t0 = performance.now();
    const r = await post(`${url}/sim/scan`, { code });
    const { event } = (await r.json()) as { event: { id: string } };
    await until(() => arrivals.has(event.id), 5000, "verdict frame");
    latencies.push(arrivals.get(event.id)! - t0);
    arrivals.delete(event.id);
  }
  await stop();
  const status = (await (await fetch(`${url}/receive/status`)).json()) as {
    open: { progress: { scanned: number; unexpected: number } };
  };
  const workflow = workflowTimes(plan).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    scans: plan.length,
    packages: packageCount,
    p50Ms: pct(latencies, 50),
    p95Ms: pct(latencies, 95),
    p99Ms: pct(latencies, 99),
    maxMs: pct(latencies, 100),
    workflowP50Ms: pct(workflow, 50),
    workflowP99Ms: pct(workflow, 99),
    scanned: status.open.progress.scanned,
    unexpected: status.open.progress.unexpected,
  };
}

async function main(): Promise<void> {
  const broker = await startBroker();
  const hub = await fakeHub(broker.url);
  const { dir, cleanup } = await tempDir("vaultline-bench-receive-");
  const { child, url } = await startStationChild({
    STATION_PORT: String(await freePort()),
    STATION_HOST: "127.0.0.1",
    MQTT_URL: broker.url,
    STATION_DATA_DIR: dir,
  });
  try {
    // Commands are not retained: offer the manifest once the station is subscribed (its status is out).
    await until(() => hub.statuses.length > 0, 10_000, "station online");
    await offerManifests(broker.url, "vault-1", [manifestOf(packageCount)]);
    console.log(JSON.stringify(await measure(url)));
  } finally {
    await stopStationChild(child);
    await hub.close();
    await broker.close();
    await cleanup();
  }
}

await main();
