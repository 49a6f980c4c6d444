/**
 * The METRC simulator as a server: `startMetrcSimulator({ port, seed })` serves the v2 API
 * (app.ts) plus `/_sim/*` control routes that stand in for METRC's web UI and inject faults.
 *
 *   client ──HTTP──▶ faults + rate limit ──▶ auth + license ──▶ v2 routes ──▶ SimState
 *   tests / demo ──▶ /_sim/faults, /_sim/transfers/:manifest/receive, /_sim/stats
 */
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "#hub/clock.js";
import { metrcApiApp } from "./app.js";
import { emptyStats, faultMiddleware, NO_FAULTS, type SimFaults, type SimStats } from "./faults.js";
import { DEFAULT_SIM_KEYS, type SimKeys, type SimSeed } from "./model.js";
import { SimState, type ReceiveDecisions } from "./state.js";

/** What tests and the demo may do to the simulator besides calling its API. */
export interface MetrcSimulatorControl {
  /** The facility state, for assertions. */
  readonly state: SimState;
  readonly keys: SimKeys;
  /** Changes the injected faults (merged into the current ones). */
  setFaults(f: Partial<SimFaults>): void;
  /** Back to no faults. */
  clearFaults(): void;
  /** Request counters since start or the last reset. */
  stats(): SimStats;
  resetStats(): void;
  /** METRC's web-UI receive step: accept and/or reject an incoming transfer's packages. */
  receiveTransfer(manifest: string, decisions: ReceiveDecisions): void;
}

/** A running simulator. */
export interface MetrcSimulator {
  /** Base URL, e.g. http://127.0.0.1:8090 */
  url: string;
  stop(): Promise<void>;
  control: MetrcSimulatorControl;
}

/** Where to listen and what the facility holds; `clock` drives LastModified, rate limit and outages. */
export interface MetrcSimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  seed: SimSeed;
  clock?: Clock;
  keys?: SimKeys;
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
}

/** Builds the simulator's Hono app and its control without listening (for `app.request()` tests). */
export function createMetrcSimulatorApp(opts: Omit<MetrcSimulatorOptions, "port" | "host">): {
  app: Hono;
  control: MetrcSimulatorControl;
} {
  const clock = opts.clock ?? systemClock;
  const keys = opts.keys ?? DEFAULT_SIM_KEYS;
  const state = new SimState(opts.seed, clock);
  const faults: SimFaults = { ...NO_FAULTS };
  const stats = emptyStats();
  const control: MetrcSimulatorControl = {
    state,
    keys,
    setFaults: (f) => void Object.assign(faults, f),
    clearFaults: () => void Object.assign(faults, NO_FAULTS),
    stats: () => ({ ...stats }),
    resetStats: () => void Object.assign(stats, emptyStats()),
    receiveTransfer: (m, d) => void state.receiveTransfer(m, d),
  };
  const app = new Hono();
  app.use("*", faultMiddleware({ clock, faults, stats }));
  app.route("/_sim", controlRoutes(control));
  app.route("/", metrcApiApp(state, keys));
  return { app, control };
}

function controlRoutes(control: MetrcSimulatorControl): Hono {
  return new Hono()
    .get("/stats", (c) => c.json(control.stats()))
    .post("/faults", async (c) => {
      const body = (await c.req.json().catch(() => null)) as Partial<SimFaults> | null;
      if (!body || typeof body !== "object") return c.json({ Message: "Send the faults as a JSON object." }, 400);
      control.setFaults(body);
      return c.json({ ok: true });
    })
    .delete("/faults", (c) => (control.clearFaults(), c.json({ ok: true })))
    .post("/transfers/:manifest/receive", async (c) => {
      const body = (await c.req.json().catch(() => null)) as ReceiveDecisions | null;
      if (!body || typeof body !== "object")
        return c.json(
          { Message: "Send {accept: [labels], reject: [labels], quantities?: {label: n}, location?}." },
          400,
        );
      try {
        control.receiveTransfer(c.req.param("manifest"), body);
      } catch (e) {
        return c.json({ Message: (e as Error).message }, 404);
      }
      return c.json({ ok: true });
    });
}

/** Starts the simulator on `port` (0: a free one). */
export async function startMetrcSimulator(opts: MetrcSimulatorOptions): Promise<MetrcSimulator> {
  const { app, control } = createMetrcSimulatorApp(opts);
  const host = opts.host ?? "127.0.0.1";
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
