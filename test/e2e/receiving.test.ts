/**
 * Receiving end to end, in a real browser: the hub syncs a 40-package restock manifest from the
 * METRC simulator and offers it; the coordinator signs in at the kiosk and verifies it package by
 * package with the simulated scanner and scale (one duplicate scan, one tag not on the manifest,
 * one failed-lab package, one bag short in weight); the hub records every decision, the printer
 * keeps the shelf and quarantine labels, the checklist lists what to enter in METRC, and a
 * different outcome recorded in METRC is flagged after the next sync.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Checklist, ManifestDetail } from "#hub/receiving/index.js";
import { RESTOCK_MANIFEST, startReceivingHub, type ReceivingHubRig } from "#hub/testing/receiving-hub.js";
import { createDevices, simDevicesConfig, type Devices } from "#station/devices/index.js";
import { loadConfig as loadStationConfig, startStation, type RunningStation } from "#station/main.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";

const quiet = pino({ level: "silent" });
/** Positions (0-based) on the restock manifest. */
const FAILED = 7;
const DUPLICATE = 3;
const WRONG_TAG = "1A4060300012B7C000819999";
const TARE_G = 212;

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.skipIf(skipWithoutBrowser("receiving browser test"))(
  "receiving a manifest at the kiosk, held against METRC",
  () => {
    const dirs = {
      hub: mkdtempSync(join(tmpdir(), "vaultline-e2e-hub-")),
      station: mkdtempSync(join(tmpdir(), "vaultline-e2e-station-")),
    };
    let rig: ReceivingHubRig;
    let devices: Devices;
    let station: RunningStation;
    let kiosk: Kiosk;
    let page: Page;
    let weighed: number[];
    let short: number;

    beforeAll(async () => {
      rig = await startReceivingHub({ dataDir: dirs.hub, log: quiet, failedLab: [FAILED] });
      weighed = rig.restockLabels
        .map((_, i) => i)
        .filter((i) => rig.store.items[i % rig.store.items.length]!.weightBased);
      short = weighed[1]!;
      devices = await createDevices(simDevicesConfig, { log: quiet });
      station = await startStation(
        loadStationConfig({
          STATION_PORT: "0",
          STATION_HOST: "127.0.0.1",
          MQTT_URL: rig.hub.mqttUrl,
          STATION_DATA_DIR: dirs.station,
          SITE_ID: rig.store.site.id,
          LOG_LEVEL: "silent",
        }),
        { log: quiet, devices },
      );
      await rig.syncNow();
      kiosk = await launchKiosk();
      page = await kiosk.context.newPage();
    });
    afterAll(async () => {
      await kiosk?.close();
      await station?.stop();
      await rig?.stop();
      rmSync(dirs.hub, { recursive: true, force: true });
      rmSync(dirs.station, { recursive: true, force: true });
    });

    const sim = (path: string, body: unknown) => postJson(`${station.url}/sim/${path}`, body);

    it("signs the coordinator in and opens the offered manifest", async () => {
      expect(weighed.length).toBeGreaterThanOrEqual(2);
      expect(weighed).not.toContain(FAILED);
      const coordinator = rig.store.employees.find((e) => e.role === "coordinator")!;
      // The receiving screen shows only sign-in until someone signs in; its status lists what is offered.
      const offered = async () =>
        (
          (await (await fetch(`${station.url}/receive/status`)).json()) as {
            offered: Array<{ manifestNumber: string }>;
          }
        ).offered;
      await until("the manifest offered at the kiosk", async () =>
        (await offered()).some((m) => m.manifestNumber === RESTOCK_MANIFEST) ? true : undefined,
      );
      await page.goto(station.url);
      await until("the employee list at the station", async () =>
        (await sim("scan", { code: coordinator.badge })).status === 201 && (await page.locator(".pinpad").count()) > 0
          ? true
          : undefined,
      );
      for (const digit of coordinator.pin)
        await page.locator(".pad-key", { hasText: new RegExp(`^${digit}$`) }).click();
      await page.locator(".pad-ok").click();
      await page.locator(".signed-in").waitFor();
      await page.goto(`${station.url}/receive`);
      await page.locator(`button.rx-manifest[data-manifest="${RESTOCK_MANIFEST}"]`).click();
      await page.locator(`.rx[data-manifest="${RESTOCK_MANIFEST}"]`).waitFor();
      expect(await page.locator("#rx-progress .rx-progress").getAttribute("data-total")).toBe("40");
    });

    /** Scans a tag on the simulated scanner and waits for the kiosk to show its line. */
    async function scan(label: string, scanner: string, verdict: string): Promise<void> {
      expect((await sim("scan", { code: label, scanner })).status).toBe(201);
      await page.locator(`#rx-flash .rx-flash[data-verdict="${verdict}"]`, { hasText: label }).waitFor();
      await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).waitFor();
    }

    async function weigh(label: string, grossGrams: number): Promise<string> {
      await sim("scale", { grams: 0, stable: true });
      await new Promise((r) => setTimeout(r, 300));
      await sim("scale", { grams: grossGrams, stable: true });
      const readout = page.locator(
        `#rx-line .rx-line[data-line-label="${label}"] .rx-weight:not([data-weight="waiting"])`,
      );
      await readout.waitFor();
      return (await readout.getAttribute("data-weight")) ?? "";
    }

    async function decide(label: string, action: "accept" | "reject", reason?: string): Promise<void> {
      const button = reason
        ? page.locator(`#rx-line [data-action="reject"][data-reason="${reason}"]`)
        : page.locator(`#rx-line [data-action="${action}"]`);
      await button.click();
      await page.locator(`#rx-line .rx-line[data-line-label="${label}"][data-decision="${action}"]`).waitFor();
    }

    /** Opens the line's COA summary on the kiosk; its link is the station's route, which brings the document from the hub. */
    async function checkCoa(label: string): Promise<void> {
      await page.locator("#rx-line").getByRole("button", { name: "COA", exact: true }).click();
      const link = page.locator(`#rx-coa [data-coa="${label}"][data-coa-passed="true"] a`);
      await link.waitFor();
      const href = (await link.getAttribute("href")) ?? "";
      expect(href).toBe(`/receive/lines/${label}/coa/document`);
      const doc = await fetch(`${station.url}${href}`);
      expect(doc.headers.get("content-type")).toBe("application/pdf");
      expect(await doc.text()).toContain(`Certificate of analysis for ${label}`);
    }

    it("verifies every package: scans, a duplicate, a wrong tag, weights, the lab gate, and completes", async () => {
      for (const [i, label] of rig.restockLabels.entries()) {
        await scan(label, i % 2 === 0 ? "scanner-1" : "scanner-2", "on-manifest");
        if (i === DUPLICATE) await scan(label, "scanner-1", "duplicate");
        if (weighed.includes(i)) {
          const verdict = await weigh(label, i === short ? TARE_G + 431.2 : TARE_G + 453.6);
          expect(verdict).toBe(i === short ? "short" : "ok");
        }
        if (i === 0) await checkCoa(label);
        if (i === FAILED) {
          expect(await page.locator("#rx-line .rx-block").getAttribute("data-block")).toBeTruthy();
          expect(await page.locator('#rx-line [data-action="accept"]').count()).toBe(0);
          await decide(label, "reject", "failed-lab");
        } else if (i === short) {
          await decide(label, "reject", "short-weight");
        } else {
          await decide(label, "accept");
        }
        if (i === 20) {
          await scan(WRONG_TAG, "scanner-2", "not-on-manifest");
          await decide(WRONG_TAG, "reject", "wrong-tag");
        }
      }
      const progress = page.locator("#rx-progress .rx-progress");
      expect(await progress.getAttribute("data-decided")).toBe("41");
      expect(await progress.getAttribute("data-scanned")).toBe("40");
      expect(await progress.getAttribute("data-unexpected")).toBe("1");
      await page.locator('[data-action="complete"]:not([disabled])').click();
      await page.locator(`.rx-closed[data-closed="completed"][data-manifest="${RESTOCK_MANIFEST}"]`).waitFor();
    });

    it("records every decision in the hub ledger, with shelves and quarantine", async () => {
      const detail = await until("the hub to record the completed manifest", async () => {
        const d = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}`)).json()) as ManifestDetail;
        return d.stage === "completed" ? d : undefined;
      });
      expect(detail).toMatchObject({ total: 40, decided: 40, accepted: 38, rejected: 2 });
      expect(detail.unexpected.map((u) => [u.label, u.location])).toEqual([[WRONG_TAG, "Quarantine"]]);
      const byLabel = new Map(detail.lines.map((l) => [l.label, l]));
      expect(byLabel.get(rig.restockLabels[FAILED]!)!.vault).toMatchObject({
        decision: "reject",
        reason: "failed-lab",
        location: "Quarantine",
      });
      expect(byLabel.get(rig.restockLabels[short]!)!.vault).toMatchObject({
        decision: "reject",
        reason: "short-weight",
        netGrams: 431.2,
      });
      const accepted = byLabel.get(rig.restockLabels[0]!)!.vault!;
      expect(accepted.location).not.toBe("Quarantine");
      const pkg = (label: string) =>
        fetch(`${rig.hub.url}/api/packages/${label}`).then(
          (r) => r.json() as Promise<{ status: string; location: string; quantity: number }>,
        );
      expect(await pkg(rig.restockLabels[0]!)).toMatchObject({ status: "active", location: accepted.location });
      expect(await pkg(rig.restockLabels[FAILED]!)).toMatchObject({ status: "quarantine", location: "Quarantine" });
      expect(await pkg(WRONG_TAG)).toMatchObject({ status: "quarantine", location: "Quarantine" });
    });

    it("printed a shelf label for each accepted package and a quarantine label for each rejected one", async () => {
      const printed = await until("41 labels printed", () => {
        const zpl = devices.sim!.rig.printer!.printed;
        return zpl.length >= 41 ? zpl : undefined;
      });
      const quarantine = printed.filter((z) => z.includes("QUARANTINE - DO NOT SELL"));
      expect(quarantine).toHaveLength(3);
      for (const label of [rig.restockLabels[FAILED]!, rig.restockLabels[short]!, WRONG_TAG])
        expect(quarantine.some((z) => z.includes(label))).toBe(true);
      const shelf = printed.filter((z) => !z.includes("QUARANTINE - DO NOT SELL"));
      expect(shelf).toHaveLength(38);
      // Each accepted package's shelf, as the hub recorded it, is on a shelf label.
      const detail = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}`)).json()) as ManifestDetail;
      const shelves = new Set(detail.lines.filter((l) => l.vault?.decision === "accept").map((l) => l.vault!.location));
      expect(shelves.size).toBeGreaterThan(0);
      for (const location of shelves) expect(shelf.some((z) => z.includes(location))).toBe(true);
      expect(printed.every((z) => z.startsWith("^XA") && z.trimEnd().endsWith("^XZ"))).toBe(true);
    });

    it("shows the METRC checklist in METRC's order, printable", async () => {
      const c = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}/checklist`)).json()) as Checklist;
      expect(c.rows.filter((r) => r.position !== null).map((r) => r.label)).toEqual(rig.restockLabels);
      expect(c.rows.filter((r) => r.action === "reject").map((r) => r.position)).toEqual(
        [FAILED + 1, short + 1].sort((a, b) => a - b),
      );
      expect(c.rows.find((r) => r.position === short + 1)!.enter).toContain(
        "Short weight: net 431.2 g against 453.6 Grams shipped",
      );
      await page.goto(`${rig.hub.url}/receiving/${RESTOCK_MANIFEST}/checklist`);
      expect(await page.locator("#rx-checklist tbody tr").count()).toBe(41);
      expect(await page.locator('#rx-checklist tr[data-action="accept"]').count()).toBe(38);
      expect(
        await page.locator(`#rx-checklist tr[data-action="not-on-manifest"][data-label="${WRONG_TAG}"]`).count(),
      ).toBe(1);
    });

    it("flags the package METRC records differently when the manager checks METRC", async () => {
      const failedLabel = rig.restockLabels[FAILED]!;
      const res = await postJson(`${rig.sim.url}/_sim/transfers/${RESTOCK_MANIFEST}/receive`, {
        accept: rig.restockLabels.filter((_, i) => i !== short),
        reject: [rig.restockLabels[short]],
      });
      expect(res.status).toBe(200);
      // The manager checks METRC from the manifest's page: a sync, the outcome watch, and the page reloads.
      await page.goto(`${rig.hub.url}/receiving/${RESTOCK_MANIFEST}`);
      expect(await page.locator("#rx-flags tr[data-kind]").count()).toBe(0);
      await page.locator('[data-action="check-metrc"]').click();
      await page.locator(`#rx-flags tr[data-label="${failedLabel}"][data-kind="state-differs"]`).waitFor();
      const detail = (await (await fetch(`${rig.hub.url}/api/receiving/${RESTOCK_MANIFEST}`)).json()) as ManifestDetail;
      expect(detail.flags.filter((f) => f.clearedAt === null).map((f) => [f.label, f.kind])).toEqual([
        [failedLabel, "state-differs"],
      ]);
      const kept = (await (await fetch(`${rig.hub.url}/api/packages/${failedLabel}`)).json()) as {
        status: string;
        location: string;
      };
      expect(kept).toMatchObject({ status: "quarantine", location: "Quarantine" });
      expect(await page.locator(`#rx-lines tr.rx-flagged[data-label="${failedLabel}"]`).count()).toBe(1);
    });
  },
);
