import type { Kysely } from "kysely";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { FakeClock } from "#hub/testing/clock.js";
import { MetrcStateSystem } from "../metrc/client.js";
import { enqueueWrite, getSubmission } from "../store/queue.js";
import { requestLogSink } from "../store/request-log.js";
import { LABEL_A, LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";
import { startStateSystemWorker, type StateSystemWorker } from "../worker.js";
import { runSync } from "../sync.js";
import { stateSystemRoutes } from "./routes.js";
import type { Database } from "#hub/store/database.js";

const dialects = await testDialects();

const log = pino({ level: "silent" });

describe.each(dialects)("state system dashboard routes (%s)", (dialect) => {
  let clock: FakeClock;
  let ledger: TestLedger;
  let db: Kysely<Database>;
  let rig: Rig;
  let worker: StateSystemWorker;
  let app: ReturnType<typeof stateSystemRoutes>;
  beforeEach(async () => {
    clock = new FakeClock();
    ledger = await openTestLedger(dialect);
    db = ledger.db;
    rig = await startRig({ clock });
    const client = new MetrcStateSystem(
      {
        baseUrl: rig.sim.url,
        ...rig.sim.control.keys,
        license: rig.sim.control.state.license,
        timeZone: "America/Los_Angeles",
      },
      { clock, log, requestLog: requestLogSink(db, log, TEST_SITE) },
    );
    worker = startStateSystemWorker({
      db: ledger.db,
      site: TEST_SITE,
      stateSystem: client,
      log,
      clock,
      syncAtStart: false,
      syncEveryMs: 0,
      queueEveryMs: 60_000,
    });
    app = stateSystemRoutes({
      db: ledger.db,
      sites: [{ site: TEST_SITE, worker, stateSystem: client }],
      clock,
      log,
      ssePingMs: 60_000,
    });
  });
  afterEach(async () => {
    await worker.stop();
    await rig.stop();
    await ledger.dispose();
  });

  it("shows a failed write with METRC's message, what to do and who, and retries it", async () => {
    const id = await worker.enqueue({
      kind: "adjustment",
      label: LABEL_A,
      quantity: -1,
      unit: "Each",
      reason: "Theft",
      date: "2026-11-27",
    });
    await worker.flush();
    const page = await (await app.request("/")).text();
    expect(page).toContain(`Adjust ${LABEL_A} by -1 Each (Theft)`);
    expect(page).toContain("reason note is required");
    expect(page).toContain("Dispensary manager");
    const retried = await app.request(`/submissions/${id}/retry`, {
      method: "POST",
      headers: { "HX-Request": "true" },
    });
    expect(retried.status).toBe(200);
    expect((await getSubmission(db, id))!.state).toBe("pending");
    expect((await app.request(`/submissions/${id}/retry`, { method: "POST" })).status).toBe(409);
  });

  it("warns about writes not accepted after 20 hours and about refused keys, naming who acts", async () => {
    rig.sim.control.setFaults({ outageUntil: clock.now() + 86_400_000 });
    await enqueueWrite(
      db,
      TEST_SITE,
      { kind: "note", label: LABEL_A, note: "late" },
      { at: new Date(clock.now() - 21 * 3_600_000) },
    );
    await worker.flush();
    const page = await (await app.request("/parts/failed")).text();
    expect(page).toMatch(/1 writes queued more than 20 h ago are not accepted yet/);
    expect(page).toContain(`Note on ${LABEL_A}`);
    expect(page).not.toContain("refuses our API keys");
    const badKeys = new MetrcStateSystem(
      {
        baseUrl: rig.sim.url,
        vendorKey: "sim-vendor-key",
        userKey: "expired",
        license: rig.sim.control.state.license,
        timeZone: "America/Los_Angeles",
      },
      { clock, log },
    );
    rig.sim.control.clearFaults();
    await runSync({ db: ledger.db, site: TEST_SITE, stateSystem: badKeys, clock, log }, { entities: ["locations"] });
    const banner = await (await app.request("/parts/failed")).text();
    expect(banner).toContain("refuses our API keys or license");
    expect(banner).toContain("IT / installer");
  });

  it("sends a refused adjustment again with a note, resolving the refused one", async () => {
    await worker.syncNow();
    const id = await worker.enqueue({
      kind: "adjustment",
      label: LABEL_A,
      quantity: -1,
      unit: "Each",
      reason: "Theft",
      date: "2026-11-27",
    });
    await worker.flush();
    const form = (body: Record<string, string>) =>
      app.request(`/submissions/${id}/amend`, {
        method: "POST",
        body: new URLSearchParams(body),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    const missing = await form({ reason: "Theft", note: "" });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Theft needs a note for the state.");
    expect((await form({ reason: "", note: "x" })).status).toBe(422);
    const ok = await form({ reason: "Theft", note: "Jar missing after closing count" });
    expect(ok.status).toBe(200);
    expect((await getSubmission(db, id))!.state).toBe("resolved");
    await worker.flush();
    const adj = rig.sim.control.state.adjustments.find((a) => a.label === LABEL_A)!;
    expect(adj).toMatchObject({ reason: "Theft", note: "Jar missing after closing count", quantity: -1 });
    expect((await form({ reason: "Theft", note: "again" })).status).toBe(409);
  });

  it("marks a failed write resolved", async () => {
    const id = await enqueueWrite(
      db,
      TEST_SITE,
      { kind: "finish", label: LABEL_B, date: "2026-11-27" },
      { at: new Date(clock.now()) },
    );
    await worker.flush();
    expect((await getSubmission(db, id))!.state).toBe("failed");
    await app.request(`/submissions/${id}/resolve`, { method: "POST" });
    expect((await getSubmission(db, id))!.state).toBe("resolved");
  });

  it("starts a sync and reports its progress", async () => {
    const res = await app.request("/sync", { method: "POST", headers: { "HX-Request": "true" } });
    const started = await res.text();
    expect(started).toContain("<progress");
    // The note goes next to the button; the bar replaces the page's own, out of band.
    expect(started).toContain("Sync started.");
    expect(started).toContain('id="ss-sync-progress" class="sync-progress" hx-swap-oob="outerHTML"');
    await worker.syncNow();
    const done = await (await app.request("/sync/progress")).text();
    expect(done).toMatch(/Last sync finished .*records, no errors/);
    const parts = await (await app.request("/parts/checkpoints")).text();
    expect(parts).toContain("packages:active");
    expect(parts).not.toContain("Nothing synced yet");
    expect((await (await app.request("/api/sync")).json()) as object).toMatchObject({
      running: false,
      done: 10,
      total: 10,
    });
  });

  it("streams progress as server-sent events", async () => {
    const controller = new AbortController();
    const res = await app.request("/sync/events", { signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    void worker.syncNow();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("event: sync-progress");
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it("lists a package's lab results with a link to its certificate of analysis", async () => {
    await worker.syncNow();
    const page = await (await app.request(`/packages/${LABEL_B}`)).text();
    expect(page).toContain("Microbiologicals");
    const link = /href="\/statesystem(\/coa\/\d+)"/.exec(page);
    expect(link).not.toBeNull();
    const coa = await app.request(link![1]!);
    expect(coa.headers.get("content-type")).toContain("pdf");
    expect(await coa.text()).toContain(LABEL_B);
  });

  it("shows every request and answer about one package, and refuses a bad tag", async () => {
    await worker.enqueue({ kind: "note", label: LABEL_B, note: "weighed twice" });
    await worker.flush();
    const page = await (await app.request(`/packages/${LABEL_B}`)).text();
    expect(page).toContain("PUT /packages/v2/note");
    expect(page).toContain("weighed twice");
    const json = (await (await app.request(`/api/packages/${LABEL_B}/requests`)).json()) as { requests: unknown[] };
    expect(json.requests).toHaveLength(1);
    expect((await app.request("/packages/NOT-A-TAG")).status).toBe(400);
  });
});
