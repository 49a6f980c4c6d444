import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { countEvents } from "./ledger/events.js";
import { silentLog } from "./log.js";
import { startHub, type RunningHub } from "./main.js";
import type { HubModuleContext } from "./modules.js";

describe("hub modules", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-modules-"));
  let hub: RunningHub | undefined;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("start with the ledger, mount their routes and header links, and stop with the hub", async () => {
    const calls: string[] = [];
    let seen: HubModuleContext | undefined;
    hub = await startHub(loadConfig({ HUB_PORT: "0", MQTT_PORT: "0", HUB_DATA_DIR: dir, LOG_LEVEL: "silent" }), {
      log: silentLog(),
      modules: [
        {
          name: "reports",
          start: (ctx) => {
            seen = ctx;
            calls.push("start");
            const app = new Hono().get("/", async (c) => c.json({ events: await countEvents(ctx.db) }));
            return {
              routes: [{ path: "/reports", app }],
              nav: [{ href: "/reports", label: "Reports" }],
              stop: async () => void calls.push("stop"),
            };
          },
        },
      ],
    });
    expect(seen?.stationSync).toBe(hub.stationSync);
    expect(await (await fetch(`${hub.url}/reports`)).json()).toEqual({ events: 0 });
    expect(await (await fetch(`${hub.url}/`)).text()).toContain('<a href="/reports">Reports</a>');
    await hub.stop();
    expect(calls).toEqual(["start", "stop"]);
  });
});
