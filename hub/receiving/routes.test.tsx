import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { applyReceiveEvent } from "./decisions.js";
import { watchOutcomes } from "./outcome.js";
import type { ManifestDetail, ManifestSummary } from "./queries.js";
import { receivingApi, receivingPages } from "./routes.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedLabs,
  seedTransfer,
  T_BULK,
  T_FAIL,
  T_NOLAB,
  T_PASS,
} from "#hub/testing/receiving-kit.js";
import { singleSite } from "#hub/sites/directory.js";

const dialects = await testDialects();

describe.each(dialects)("receiving routes (%s)", (dialect) => {
  let ledger: TestLedger;
  let app: Hono;
  const coaRequests: string[] = [];
  const checks: string[] = [];
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedItems(ledger.db);
    await seedLabs(ledger.db);
    await seedTransfer(ledger.db);
    await seedTransfer(ledger.db, {
      manifest: "0000777002",
      packages: [
        { label: "1A4060300012B7C000778001", stateId: "6001", itemName: "Blue Dream 3.5g", quantity: 12, unit: "Each" },
      ],
    });
    await applyReceiveEvent(
      ledger.db,
      TEST_SITE,
      receiveEvent({
        action: "line",
        manifestNumber: "0000777002",
        receivingId: "r2",
        line: decision("1A4060300012B7C000778001", { receivedQuantity: 12 }),
      }),
      "2026-11-27T10:00:00Z",
    );
    const coaSource = () => ({
      coaDocument: async (id: string) => {
        if (id === "404404") throw new Error("METRC answered 404: file not found");
        coaRequests.push(id);
        return { contentType: "application/pdf", body: new TextEncoder().encode(`%PDF-1.4 COA ${id}`) };
      },
    });
    const checkNow = async () => (checks.push("check"), "Synced from METRC and compared.");
    app = new Hono()
      .route("/receiving", receivingPages({ db: ledger.db, sites: singleSite(), coaSource, checkNow }))
      .route("/api/receiving", receivingApi({ db: ledger.db, sites: singleSite() }));
  });
  afterAll(async () => ledger.dispose());

  it("lists open manifests with their progress", async () => {
    const body = (await (await app.request("/api/receiving")).json()) as { manifests: ManifestSummary[] };
    const byNumber = new Map(body.manifests.map((m) => [m.manifestNumber, m]));
    expect(byNumber.get(MANIFEST)).toMatchObject({ stage: "open", total: 4, decided: 0 });
    expect(byNumber.get("0000777002")).toMatchObject({
      stage: "in-progress",
      total: 1,
      decided: 1,
      accepted: 1,
      stationId: "vault-1",
    });
    const page = await (await app.request("/receiving")).text();
    expect(page).toContain('data-manifest="0000777002" data-stage="in-progress"');
    expect(page).toContain("1 of 1");
  });

  it("answers 400 for a malformed manifest number, 404 for an unknown one, 409 for a checklist not ready yet", async () => {
    const bad = await app.request("/api/receiving/bad%20number!");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("is not a manifest number");
    expect((await app.request("/api/receiving/0000000404")).status).toBe(404);
    const early = await app.request(`/api/receiving/${MANIFEST}/checklist`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toContain("not finished at the vault yet");
    expect((await app.request(`/api/receiving/${MANIFEST}/checklist?format=xml`)).status).toBe(400);
    expect((await app.request("/receiving/0000000404")).status).toBe(404);
  });

  it("serves the checklist as JSON, CSV and a printable page once the vault completed the manifest, and the flags", async () => {
    await applyReceiveEvent(
      ledger.db,
      TEST_SITE,
      receiveEvent({
        action: "completed",
        manifestNumber: MANIFEST,
        receivingId: "r1",
        lines: [
          decision(T_BULK, { receivedQuantity: 453.6, unit: "Grams" }),
          decision(T_PASS),
          decision(T_FAIL, { decision: "reject", reason: "failed-lab", location: "Quarantine" }),
          decision(T_NOLAB, { decision: "reject", reason: "no-coa", location: "Quarantine" }),
        ],
      }),
      "2026-11-27T10:30:00Z",
    );
    await ledger.db
      .updateTable("ss_transfer_packages")
      .set({ state: "Rejected" })
      .where("label", "=", T_PASS)
      .execute();
    await watchOutcomes(ledger.db, TEST_SITE, { nowMs: Date.parse("2026-11-27T11:00:00Z"), graceMs: 86_400_000 });

    const json = (await (await app.request(`/api/receiving/${MANIFEST}/checklist`)).json()) as {
      rows: Array<{ label: string; action: string }>;
    };
    expect(json.rows.map((r) => r.action)).toEqual(["accept", "accept", "reject", "reject"]);
    const csv = await app.request(`/api/receiving/${MANIFEST}/checklist?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[4]).toContain(
      `${T_NOLAB},Mystery Gummies,10,Each,reject,,,,No certificate of analysis`,
    );
    const page = await (await app.request(`/receiving/${MANIFEST}/checklist`)).text();
    expect(page).toContain(`data-label="${T_FAIL}" data-action="reject"`);

    const detail = (await (await app.request(`/api/receiving/${MANIFEST}`)).json()) as ManifestDetail;
    expect(detail.stage).toBe("completed");
    expect(detail.flags).toEqual([expect.objectContaining({ label: T_PASS, kind: "state-differs", clearedAt: null })]);
    expect(detail.lines.find((l) => l.label === T_PASS)).toMatchObject({
      flags: ["state-differs"],
      stateSystem: { state: "Rejected" },
      vault: { decision: "accept" },
    });
    const manifestPage = await (await app.request(`/receiving/${MANIFEST}`)).text();
    expect(manifestPage).toContain(`data-label="${T_PASS}" data-kind="state-differs"`);
  });

  it("checks METRC on request and has the page reload to show the result", async () => {
    const res = await app.request("/receiving/check", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.get("HX-Refresh")).toBe("true");
    expect(await res.text()).toContain("Synced from METRC and compared.");
    expect(checks).toEqual(["check"]);
    const without = new Hono().route("/receiving", receivingPages({ db: ledger.db, sites: singleSite() }));
    expect((await without.request("/receiving/check", { method: "POST" })).status).toBe(404);
  });

  it("opens a COA document from the state system", async () => {
    const res = await app.request("/receiving/coa/9001");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(await res.text()).toBe("%PDF-1.4 COA 9001");
    expect(coaRequests).toEqual(["9001"]);
    expect((await app.request("/receiving/coa/..%2Fetc")).status).toBe(400);
    const missing = await app.request("/receiving/coa/404404");
    expect(missing.status).toBe(502);
    expect(await missing.text()).toContain("did not send COA document 404404: METRC answered 404");
  });
});
