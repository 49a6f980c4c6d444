import { execFile } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig, startStation, type RunningStation } from "#station/main.js";
import { fakeHub, until, useBrokerRig } from "#station/testing/broker.js";
import { quietLog } from "#station/testing/helpers.js";

/**
 * The station on a real 256 KB tmpfs, as in the field report: 1,000 scans fill it. Needs
 * `mount -t tmpfs` (root); where that is refused the test says why and skips.
 */
const run = promisify(execFile);
const rig = useBrokerRig("vaultline-full-disk-");

/** Mounts a tmpfs of `size` at `dir`; null when mounting is not permitted here, with the reason. */
async function mountTmpfs(dir: string, size: string): Promise<string | null> {
  await mkdir(dir, { recursive: true });
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  } catch (e) {
    return `mount -t tmpfs not permitted here (${(e as Error).message.split("\n")[0]})`;
  }
  rig.closers.unshift(() => run("umount", [dir]).catch(() => undefined));
  return null;
}

const tag = (n: number) => `1A4060300012B7C${String(n).padStart(9, "0")}`;

async function start(dataDir: string): Promise<RunningStation> {
  const cfg = loadConfig({
    STATION_PORT: "0",
    STATION_HOST: "127.0.0.1",
    MQTT_URL: rig.broker.url,
    STATION_DATA_DIR: dataDir,
    SITE_ID: "test-site",
    OUTBOX_RESEND_MS: "500",
  });
  const station = await startStation(cfg, { log: quietLog });
  rig.closers.push(() => station.stop());
  return station;
}

async function scan(
  station: RunningStation,
  code: string,
): Promise<{ status: number; body: { event?: { id: string }; code?: string; error?: string } }> {
  const res = await fetch(`${station.url}/sim/scan`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as { event?: { id: string }; code?: string } };
}

/** Ids of the event lines in the journal, after checking that every line is whole and parses. */
async function journalIds(dataDir: string): Promise<string[]> {
  const text = await readFile(join(dataDir, "outbox.journal"), "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter((l) => l.startsWith("+"))
    .map((l) => (JSON.parse(l.slice(1)) as { id: string }).id);
}

describe("station on a full disk (256 KB tmpfs)", () => {
  it("answers 201 only for scans wholly on disk, keeps them all across a restart, starts full, refuses with STORE_FULL and delivers what it holds", async (ctx) => {
    const dataDir = join(rig.dir, "data");
    const refused = await mountTmpfs(dataDir, "256k");
    if (refused) {
      console.warn(`full-disk test skipped: ${refused}`);
      ctx.skip();
    }
    const hub = await fakeHub(rig.broker.url, { acking: false });
    rig.closers.push(hub.close);
    const first = await start(dataDir);

    const answered: string[] = [];
    const statuses = new Map<number, number>();
    const lanes = Array.from({ length: 4 }, async (_, lane) => {
      for (let n = lane; n < 1000; n += 4) {
        const r = await scan(first, tag(n));
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 201) answered.push(r.body.event!.id);
        else expect(r.body.code).toBe("STORE_FULL");
      }
    });
    await Promise.all(lanes);
    expect([...statuses.keys()].sort()).toEqual([201, 507]);
    await first.stop();
    expect((await journalIds(dataDir)).sort()).toEqual([...answered].sort());

    const second = await start(dataDir);
    expect(second.outboxDepth()).toBe(answered.length);
    const kiosk = async () => (await fetch(`${second.url}/`)).text();
    expect(await kiosk()).toContain("Station disk full: scans are NOT being recorded");
    const refusedScan = await scan(second, tag(5000));
    expect(refusedScan).toMatchObject({ status: 507, body: { code: "STORE_FULL" } });
    const banner = await kiosk();
    expect(banner).toContain("Scan NOT recorded: the station&#39;s disk is full");
    expect(banner).toContain("error.wav");

    hub.state.acking = true;
    await until(() => second.outboxDepth() === 0, 60_000, "the outbox to drain");
    const delivered = hub.distinctIds("scan");
    expect(answered.filter((id) => !delivered.has(id))).toEqual([]);

    // Everything delivered: the next compaction empties the journal and scans are taken again.
    let after = await scan(second, tag(6000));
    const deadline = Date.now() + 15_000;
    while (after.status === 507 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      after = await scan(second, tag(6000));
    }
    expect(after.status).toBe(201);
  });
});
