/**
 * The demo stack (as the README's quick start runs it) with Chromium kiosk pages at the panel
 * sizes, and the steps the receiving browser suites share: sign in at the kiosk with the badge and
 * PIN, open the restock manifest, scan on the simulated scanner, weigh on the simulated scale,
 * and screenshots (to E2E_SCREENSHOTS, or a temp folder printed once).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { DemoEmployee } from "#hub/seed/demo-store.js";
import { createDevices, simDevicesConfig } from "#station/devices/index.js";
import { startDemoStack, type DemoStack } from "../../../scripts/demo-stack.js";
import { freePort } from "../../support/ports.js";
import { eventually, tempDir } from "../../support/rig.js";
import { launchKiosk, type Kiosk } from "./browser.js";

/** The demo seed's 40-package restock manifest (its eighth package failed its lab test). */
export const RESTOCK = "0000900003";
/** The kiosk panels: a 7" 800×480 and a 10" 1024×600. */
export const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
] as const;
export type Size = (typeof SIZES)[number];

export interface KioskStack {
  stack: DemoStack;
  /** Station and hub base URLs. */
  station: string;
  hub: string;
  /** Labels of the restock manifest in METRC's order, and which of them are weighed. */
  restock: string[];
  weighed: Set<string>;
  coordinator: DemoEmployee;
  /** The station's STATION_DATA_DIR (its replica.json, journals). */
  dataDir: string;
  /** A kiosk page of the given size (a fresh browser profile each). */
  page(size?: Size): Promise<Page>;
  /** POST /sim/{scan,scale,door} on the station; `scan` answers with the recorded event. */
  sim(path: "scan" | "scale" | "door", body: unknown): Promise<Response>;
  /** Scans a code on the simulated scanner; the recorded scan event. */
  scan(
    code: string,
  ): Promise<{ id: string; at: string; employeeId?: string; payload: { workflow: string; sessionId?: string } }>;
  /** Empties the platform, then puts `grams` on it, both stable. */
  weigh(grams: number): Promise<void>;
  shoot(page: Page, name: string): Promise<string>;
  /** ZPL the simulated label printer received, oldest first (only with `{ devices: true }`). */
  printed(): readonly string[];
  stop(): Promise<void>;
}

const json = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/**
 * The demo stack's environment for a browser suite: hub, station and simulator on free ports, the
 * hub's and station's data under `dir`, quiet logs, no scheduled state-system sync; `env` on top.
 */
export async function demoStackEnv(dir: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    HUB_PORT: "0",
    STATION_PORT: "0",
    STATION_HOST: "127.0.0.1",
    MQTT_PORT: String(await freePort()),
    METRC_SIM_PORT: "0",
    HUB_DATA_DIR: `${dir}/hub`,
    STATION_DATA_DIR: `${dir}/station`,
    LOG_LEVEL: "silent",
    STATE_SYSTEM_SYNC_MINUTES: "0",
    ...env,
  };
}

/** Starts the demo stack on free ports in a temp folder, with `env` on top, once its manifest reached the station. */
export async function startKioskStack(
  name: string,
  env: Record<string, string> = {},
  opts: { devices?: boolean; heldOpenAlarmMs?: number } = {},
): Promise<KioskStack> {
  const data = tempDir(`vaultline-e2e-${name}-`);
  const shots = process.env.E2E_SCREENSHOTS || mkdtempSync(join(tmpdir(), `vaultline-${name}-shots-`));
  mkdirSync(shots, { recursive: true });
  console.log(`${name} screenshots: ${shots}`);
  const config = opts.heldOpenAlarmMs
    ? {
        ...simDevicesConfig,
        doors: (simDevicesConfig.doors ?? []).map((d) => ({ ...d, heldOpenAlarmMs: opts.heldOpenAlarmMs })),
      }
    : simDevicesConfig;
  const devices = opts.devices ? await createDevices(config, {}) : undefined;
  const stack = await startDemoStack(await demoStackEnv(data.dir, env), devices ? { stationDevices: devices } : {});
  const station = stack.station.url;
  const replica = join(data.dir, "station", "replica.json");
  await eventually(
    () =>
      existsSync(replica) &&
      readFileSync(replica, "utf8").includes(RESTOCK) &&
      readFileSync(replica, "utf8").includes("EMP-"),
    30_000,
    "the restock manifest and the employees at the station",
  );
  const offered =
    (
      JSON.parse(readFileSync(replica, "utf8")) as {
        manifests?: Array<{ manifestNumber: string; lines: Array<{ label: string; weightBased: boolean }> }>;
      }
    ).manifests ?? [];
  const lines = offered.find((m) => m.manifestNumber === RESTOCK)?.lines ?? [];
  const kiosks: Kiosk[] = [];
  const sim = (path: string, body: unknown) => json(`${station}/sim/${path}`, body);
  return {
    stack,
    station,
    hub: stack.hub.url,
    restock: lines.map((l) => l.label),
    weighed: new Set(lines.filter((l) => l.weightBased).map((l) => l.label)),
    coordinator: stack.store.employees.find((e) => e.role === "coordinator")!,
    dataDir: join(data.dir, "station"),
    async page(size = SIZES[1]) {
      const kiosk = await launchKiosk(size);
      kiosks.push(kiosk);
      return kiosk.context.newPage();
    },
    sim,
    async scan(code) {
      const res = await sim("scan", { code });
      if (res.status !== 201) throw new Error(`scan of ${code} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { event: Awaited<ReturnType<KioskStack["scan"]>> }).event;
    },
    async weigh(grams) {
      await sim("scale", { grams: 0, stable: true });
      await new Promise((r) => setTimeout(r, 300));
      await sim("scale", { grams, stable: true });
    },
    async shoot(page, shot) {
      const size = page.viewportSize();
      const path = join(shots, `${shot}-${size?.width}x${size?.height}.png`);
      await page.screenshot({ path });
      return path;
    },
    printed: () => devices?.sim?.rig.printer?.printed ?? [],
    async stop() {
      for (const k of kiosks) await k.close();
      await stack.stop();
      data.remove();
    },
  };
}

/** Signs `who` in at the kiosk page: badge on the simulated scanner, the PIN on the pad. */
export async function signInAtKiosk(k: KioskStack, page: Page, who: DemoEmployee = k.coordinator): Promise<void> {
  await k.scan(who.badge);
  await page.locator(".pinpad").waitFor();
  for (const digit of who.pin) await page.locator(".pad-key", { hasText: new RegExp(`^${digit}$`) }).click();
  await page.locator(".pad-ok").click();
  await page.locator("#kiosk-header .who-in", { hasText: who.name }).waitFor();
}

/** From the signed-in kiosk: the receiving screen, then the restock manifest (unless it is open already). */
export async function openRestock(k: KioskStack, page: Page): Promise<void> {
  await page.goto(`${k.station}/receive`);
  const session = page.locator(`.rx[data-manifest="${RESTOCK}"]`);
  await page
    .locator(`${`.rx[data-manifest="${RESTOCK}"]`}, button.rx-manifest[data-manifest="${RESTOCK}"]`)
    .first()
    .waitFor();
  if ((await session.count()) === 0) await page.locator(`button.rx-manifest[data-manifest="${RESTOCK}"]`).click();
  await session.waitFor();
}

/**
 * Signs in to the hub's dashboard at `k.hub` with a username and password (DEMO_LOGINS), then
 * opens `path` (when given; else the page the sign-in landed on stays).
 */
export async function signInToHub(
  k: Pick<KioskStack, "hub">,
  page: Page,
  login: { username: string; password: string },
  path?: string,
): Promise<void> {
  await page.goto(`${k.hub}/login`);
  await page.fill("input[name=username]", login.username);
  await page.fill("input[name=password]", login.password);
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  if (path !== undefined) await page.goto(`${k.hub}${path}`);
}

/**
 * Waits until htmx has settled the last swap: a control swapped in a moment ago has no trigger
 * listener until then, and a person is never faster than that, but a test can be.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    "document.querySelectorAll('.htmx-added, .htmx-settling, .htmx-swapping, .htmx-request').length === 0",
  );
}

/** True when the element's box lies inside the window (not below the fold, not cut at a side). */
export async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize()!;
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width + 0.5 &&
    box.y + box.height <= size.height + 0.5
  );
}

/**
 * Controls matched by `selector` that a person could not see or tap as they stand: outside the
 * window, cut by a scrolling box they sit in (below its fold), or covered by something else at
 * their centre. Each offender as "tag[data-action].class: why". A string, so the test's
 * TypeScript (no DOM library) stays out of the browser's code.
 */
export async function unreachable(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const vw = window.innerWidth, vh = window.innerHeight;
    const name = (el) => el.tagName.toLowerCase() + (el.dataset.action ? "[data-action=" + el.dataset.action + "]" : "") + (el.dataset.reason ? "[data-reason=" + el.dataset.reason + "]" : "") + "." + String(el.className).split(" ")[0] + " '" + (el.innerText || el.value || "").trim().slice(0, 30) + "'";
    const out = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) { out.push(name(el) + ": outside the window"); continue; }
      let clipped = false;
      // A fixed box (an overlay) escapes the scrolling boxes around it: only the window clips it.
      for (let a = getComputedStyle(el).position === "fixed" ? null : el.parentElement; a && a !== document.body; a = getComputedStyle(a).position === "fixed" ? null : a.parentElement) {
        const st = getComputedStyle(a);
        if (st.overflowX === "visible" && st.overflowY === "visible") continue;
        const b = a.getBoundingClientRect();
        if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || r.left < b.left - 0.5 || r.right > b.right + 0.5) { clipped = true; break; }
      }
      if (clipped) { out.push(name(el) + ": cut off by a scrolling box"); continue; }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) && hit.tagName === "LABEL")) out.push(name(el) + ": covered by " + (hit ? hit.tagName.toLowerCase() + "." + hit.className : "nothing"));
    }
    return out;
  })()`);
}
