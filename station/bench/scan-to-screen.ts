import { connectAsync } from "mqtt";
import { readFileSync } from "node:fs";
import { newId } from "#contract/ids.js";
import { topics } from "#contract/topics.js";
import type { Package } from "#contract/domain.js";
import { fakeHub, startBroker, until } from "#station/testing/broker.js";
import { tempDir } from "#station/testing/helpers.js";
import { followFrames, freePort, startStationChild, stopStationChild } from "./bench-station.js";

/**
 * Scan → outbox (fsynced) → SSE frame on the kiosk, measured end to end: POST /sim/scan to a
 * station running in its own process (so its RSS is its own), with a 10,000-package replica and
 * a hub acking over an in-process broker. Prints JSON: latency percentiles (ms), the station's
 * RSS before and after the scans (MB), scans delivered, final outbox depth.
 *
 *   npx tsx station/bench/scan-to-screen.ts [scans=10000] [packages=10000]
 */
const scans = Number(process.argv[2] ?? 10_000);
const packageCount = Number(process.argv[3] ?? 10_000);

function label(i: number): string {
  return `1A40603000021990${String(i).padStart(8, "0")}`;
}

async function seedCatalog(url: string): Promise<void> {
  const packages: Package[] = Array.from({ length: packageCount }, (_, i) => ({
    label: label(i),
    itemId: `item-${i % 300}`,
    quantity: 10,
    unit: "Each",
    location: `Vault ${String.fromCharCode(65 + (i % 6))}-${i % 40}`,
    status: "active",
    labState: "TestPassed",
    packagedDate: "2026-10-01",
  }));
  const items = Array.from({ length: 300 }, (_, i) => ({
    id: `item-${i}`,
    name: `Item ${i} 3.5g`,
    category: "flower" as const,
    unit: "Each" as const,
    weightBased: false,
  }));
  const hub = await connectAsync(url, { clientId: "bench-catalog" });
  const cmd = {
    id: newId(),
    name: "catalog",
    at: new Date().toISOString(),
    payload: { mode: "replace", items, packages },
  };
  await hub.publishAsync(topics.command("vault-1", "catalog"), JSON.stringify(cmd), { qos: 1 });
  await hub.endAsync();
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const broker = await startBroker();
  const hub = await fakeHub(broker.url);
  const { dir, cleanup } = await tempDir("vaultline-bench-");
  const { child, url } = await startStationChild({
    STATION_PORT: String(await freePort()),
    STATION_HOST: "127.0.0.1",
    MQTT_URL: broker.url,
    STATION_DATA_DIR: dir,
  });
  await seedCatalog(broker.url);
  await until(() => hub.statuses.length > 0, 10_000, "station online");
  await new Promise((r) => setTimeout(r, 2000));
  const rssBeforeMb = rssOf(child.pid!);

  const { arrivals, stop } = await followFrames(
    `${url}/events`,
    /^event: feed\ndata: <ol class="feed"><li class="[^"]*" data-scan-id="([^"]+)"/,
  );

  const latencies: number[] = [];
  for (let i = 0; i < scans; i++) {
    const t0 = performance.now();
    const r = await fetch(`${url}/sim/scan`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: label(i % packageCount) }),
    });
    const { event } = (await r.json()) as { event: { id: string } };
    await until(() => arrivals.has(event.id), 5000, "SSE frame");
    latencies.push(arrivals.get(event.id)! - t0);
    arrivals.delete(event.id);
  }
  await until(() => hub.distinctIds("scan").size >= scans, 60_000, "hub to receive every scan");
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfterMb = rssOf(child.pid!);
  const status = (await (await fetch(`${url}/api/status`)).json()) as { outboxDepth: number };
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2));
  console.log(
    JSON.stringify({
      scans,
      packages: packageCount,
      p50Ms: pct(50),
      p95Ms: pct(95),
      p99Ms: pct(99),
      maxMs: pct(100),
      rssBeforeMb: Math.round(rssBeforeMb),
      rssAfterMb: Math.round(rssAfterMb),
      delivered: hub.distinctIds("scan").size,
      outboxDepth: status.outboxDepth,
    }),
  );
  await stop();
  await stopStationChild(child);
  await hub.close();
  await broker.close();
  await cleanup();
}

await main();
