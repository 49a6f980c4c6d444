import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnyCommand } from "#contract/validate.js";
import type { WeightRead } from "#station/devices/index.js";
import type { StationScan } from "#station/events.js";
import { loadConfig, startStation } from "#station/main.js";
import { fakeHub, until, useBrokerRig } from "#station/testing/broker.js";
import { quietLog } from "#station/testing/helpers.js";
import { coordinator, offerManifests, signInCoordinator } from "#station/testing/receiving-rig.js";
import { WorkflowRegistry } from "./registry.js";
import type { WorkflowPlugin } from "./workflow.js";

const rig = useBrokerRig();

/** A tiny counting workflow that exists only in this test: it records what reaches it. */
function countingWorkflow() {
  const seen = {
    scans: [] as StationScan[],
    weights: [] as WeightRead[],
    commands: [] as AnyCommand[],
    signedIn: [] as string[],
    config: undefined as unknown,
  };
  const slice = {
    key: "count",
    schema: z.object({ sessionPrefix: z.string().default("count") }),
    env: { COUNT_SESSION_PREFIX: "sessionPrefix" },
  };
  const plugin: WorkflowPlugin<{ sessionPrefix: string }> = {
    name: "count",
    config: slice,
    async open(ctx) {
      seen.config = ctx.config;
      ctx.events.on("scan", (s) => void seen.scans.push(s));
      ctx.events.on("weight", (w) => void seen.weights.push(w));
      ctx.events.on("sign-in", (p) => void seen.signedIn.push(p.name));
      return {
        name: "count",
        tile: { title: "Count", hint: "Count a shelf", path: "/count" },
        claimsScans: () => ({ sessionId: `${ctx.config.sessionPrefix}-1` }),
        claimsWeights: () => true,
        commands: ["manifests"],
        onCommand: async (cmd) => void seen.commands.push(cmd),
        routes: () => new Hono().get("/", (c) => c.text("counting screen")),
        close: async () => undefined,
      };
    },
  };
  return { plugin, seen };
}

describe("a workflow registered only in its own registry entry", () => {
  it("gets its scans, weights, commands and sign-ins, its tile and routes, and its config slice, without any wiring naming it", async () => {
    const { plugin, seen } = countingWorkflow();
    const workflows = new WorkflowRegistry().register(plugin);
    const hub = await fakeHub(rig.broker.url);
    rig.closers.push(hub.close);
    const cfg = loadConfig(
      {
        STATION_PORT: "0",
        STATION_HOST: "127.0.0.1",
        MQTT_URL: rig.broker.url,
        STATION_DATA_DIR: rig.dir,
        COUNT_SESSION_PREFIX: "shelf-b2",
      },
      undefined,
      workflows.configSlices(),
    );
    const station = await startStation(cfg, { log: quietLog, workflows });
    rig.closers.push(() => station.stop());
    await until(() => station.bus.status().connected, 5000, "broker");
    expect(seen.config).toEqual({ sessionPrefix: "shelf-b2" });

    const home = await (await fetch(`${station.url}/`)).text();
    expect(home).toContain('data-workflow="count"');
    expect(home).not.toContain('data-workflow="receive"');
    expect(await (await fetch(`${station.url}/count`)).text()).toBe("counting screen");
    expect((await fetch(`${station.url}/receive`)).status).toBe(404);

    const tag = "1A4060300002199000003445";
    const { event: scan } = (await (
      await fetch(`${station.url}/sim/scan`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: tag }),
      })
    ).json()) as { event: { id: string; payload: { workflow: string; sessionId?: string } } };
    expect(scan.payload).toMatchObject({ workflow: "count", sessionId: "shelf-b2-1" });
    await until(() => seen.scans.length === 1, 5000, "the scan at the workflow");
    expect(seen.scans[0]).toMatchObject({ id: scan.id, code: tag, workflow: "count" });

    await fetch(`${station.url}/sim/scale`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grams: 250.4, stable: true }),
    });
    await until(
      () => seen.weights.some((w) => w.stable && Math.abs(w.grams - 250.4) < 0.05),
      5000,
      "the stable weight at the workflow",
    );
    // The workflow claims the scale, so the weight recorder leaves the weighing to it.
    const after = await station.recordScan("CMD:NEXT", "scanner-1");
    await until(() => hub.distinctIds("scan").has(after.id), 5000, "the later scan at the hub");
    expect(hub.distinctIds("weight").size).toBe(0);

    // The hub sends the employees, then the manifests: only the command it handles reaches it.
    await offerManifests(rig.broker.url, "vault-1", []);
    await until(() => seen.commands.length === 1, 5000, "the manifests command at the workflow");
    expect(seen.commands.map((c) => c.name)).toEqual(["manifests"]);

    await signInCoordinator(station.url);
    await until(() => seen.signedIn.length === 1, 5000, "the sign-in at the workflow");
    expect(seen.signedIn).toEqual([coordinator.name]);
  });
});
