import { connectAsync } from "mqtt";
import type { CountAssignment } from "#contract/counting.js";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";
import { fakeHub, startBroker, until } from "#station/testing/broker.js";
import { tempDir } from "#station/testing/helpers.js";
import { offerManifests, post, signInCoordinator } from "#station/testing/receiving-rig.js";
import { countStep, initialCountState, type CountState } from "#station/workflows/count/machine.js";
import { followFrames, freePort, startStationChild, stopStationChild } from "./bench-station.js";

/**
 * A full count of the vault, measured end to end: POST /sim/scan to a station in its own process
 * (recorded and fsynced in the outbox, tied to the open count, journaled and fsynced) until the
 * verdict frame (`ct-main` carrying the scan's id) arrives on the kiosk's count stream. Every
 * package once, every 50th again and every 100th a tag not on the count. Also times the pure
 * workflow step alone. Prints one JSON line.
 *
 *   npx tsx station/bench/count-scan.ts [packages=2000]
 *   (BENCH_STATION_DIST=1 runs the station from dist/, as systemd does; `npm run build` first)
 */
const packageCount = Number(process.argv[2] ?? 2000);
const tag = (i: number) => `1A4060300003C35${String(i).padStart(9, "0")}`;

function fullCount(): CountAssignment {
  return {
    countSessionId: "bench-full-count",
    title: "Full count",
    kind: "full",
    businessDay: "2026-12-01",
    round: 1,
    items: Array.from({ length: 20 }, (_, k) => ({
      itemId: `item-${k}`,
      itemName: `Item ${k}`,
      unit: "Each" as const,
      countBy: "units" as const,
    })),
    lines: Array.from({ length: packageCount }, (_, i) => ({
      label: tag(i),
      itemId: `item-${i % 20}`,
      location: `Vault ${"ABCD"[i % 4]}-${(i % 6) + 1}`,
    })),
  };
}

function scanPlan(): string[] {
  const plan: string[] = [];
  for (let i = 0; i < packageCount; i++) {
    plan.push(tag(i));
    if (i % 50 === 49) plan.push(tag(i - 7));
    if (i % 100 === 99) plan.push(tag(900_000 + i));
  }
  return plan;
}

const pct = (sorted: number[], p: number) =>
  Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(3));

function workflowTimes(plan: string[]): number[] {
  const who = { employeeId: "emp-001", name: "Dana Reyes" };
  let s: CountState = countStep(initialCountState, { type: "assign", counts: [fullCount()] }).state;
  s = countStep(s, { type: "open", countSessionId: "bench-full-count", who }).state;
  return plan.map((label, i) => {
    const t0 = performance.now();
    s = countStep(s, { type: "scan", label, who, at: i }).state;
    return performance.now() - t0;
  });
}

async function assign(brokerUrl: string): Promise<void> {
  // The coordinator's employee record comes with the manifests fixture; then the count itself.
  await offerManifests(brokerUrl, "vault-1", []);
  const hub = await connectAsync(brokerUrl, { clientId: `count-bench-${process.pid}` });
  const cmd = { id: newId(), name: "count", at: new Date().toISOString(), payload: { counts: [fullCount()] } };
  await hub.publishAsync(topics.command("vault-1", "count"), JSON.stringify(cmd), { qos: 1 });
  await hub.endAsync();
}

async function measure(url: string): Promise<Record<string, number>> {
  for (let i = 0; ; i++) {
    const status = (await (await fetch(`${url}/api/status`)).json()) as { signedIn: unknown };
    if (!status.signedIn) await signInCoordinator(url);
    const r = await post(`${url}/count/open`, { countSessionId: "bench-full-count" }, true);
    if (r.status === 200) break;
    if (i > 50) throw new Error(`could not open the count: ${r.status}`);
    await new Promise((res) => setTimeout(res, 200));
  }
  const { arrivals, stop } = await followFrames(
    `${url}/count/events`,
    /^event: ct-main\ndata: [^\n]*?data-scan-id="([^"]+)"/,
  );
  await new Promise((r) => setTimeout(r, 500));
  const plan = scanPlan();
  const latencies: number[] = [];
  for (const code of plan) {
    const t0 = performance.now();
    const r = await post(`${url}/sim/scan`, { code });
    if (r.status !== 201) throw new Error(`scan ${code} answered ${r.status}: ${await r.text()}`);
    const { event } = (await r.json()) as { event: { id: string } };
    await until(() => arrivals.has(event.id), 5000, "verdict frame");
    latencies.push(arrivals.get(event.id)! - t0);
    arrivals.delete(event.id);
  }
  await stop();
  const workflow = workflowTimes(plan).sort((a, b) => a - b);
  // Found unlisted packages are journaled (a second fsync) before their verdict: their share apart.
  const found = new Set(Array.from({ length: packageCount }, (_, i) => tag(900_000 + i)));
  const listed = latencies.filter((_, i) => !found.has(plan[i]!)).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    scans: plan.length,
    packages: packageCount,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    maxMs: pct(latencies, 100),
    listedP99Ms: pct(listed, 99),
    workflowP50Ms: pct(workflow, 50),
    workflowP99Ms: pct(workflow, 99),
  };
}

async function main(): Promise<void> {
  const broker = await startBroker();
  const hub = await fakeHub(broker.url);
  const { dir, cleanup } = await tempDir("vaultline-bench-count-");
  const { child, url } = await startStationChild({
    STATION_PORT: String(await freePort()),
    STATION_HOST: "127.0.0.1",
    MQTT_URL: broker.url,
    STATION_DATA_DIR: dir,
  });
  try {
    await until(() => hub.statuses.length > 0, 10_000, "station online");
    await assign(broker.url);
    console.log(JSON.stringify(await measure(url)));
  } finally {
    await stopStationChild(child);
    await hub.close();
    await broker.close();
    await cleanup();
  }
}

await main();
