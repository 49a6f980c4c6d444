import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, listAudit } from "#hub/ledger/audit.js";
import { verifyAuditText } from "#hub/ledger/audit-chain.js";
import { singleSite } from "#hub/sites/directory.js";
import { ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";
import { testDialects } from "#hub/testing/ledger.js";
import { auditRoutes } from "./routes.js";

const NOW = Date.parse("2026-12-01T17:00:00.000Z");

/** Entries around the Pacific business day 2026-11-27 (UTC-8): local midnight is 08:00Z. */
const AROUND_THE_DAY = [
  ["2026-11-27T07:59:59.000Z", "before (23:59 on the 26th)"],
  ["2026-11-27T08:00:00.000Z", "first minute of the 27th"],
  ["2026-11-28T07:59:59.000Z", "last minute of the 27th (UTC is the 28th)"],
  ["2026-11-28T08:00:00.000Z", "after (00:00 on the 28th)"],
] as const;

describe.each(await testDialects())("the auditors' export page on %s", (dialect) => {
  let kit: DashboardKit;
  const get = async (path: string, cookie: string) => kit.app.request(`${ORIGIN}${path}`, { headers: { cookie } });
  const cookieOf = async (role: string) => (await signIn(kit.app, role, DASHBOARD_PASSWORD)).cookie;

  beforeAll(async () => {
    kit = await startDashboardKit({
      dialect,
      nowMs: NOW,
      prepare: async (ledger) => {
        for (const [at, subject] of AROUND_THE_DAY)
          await appendAudit(ledger.db, { actor: "e-coordinator", action: "count.closed", subject, at });
      },
      deps: (ledger) => ({
        extraRoutes: [
          { path: "/audit", app: auditRoutes({ db: ledger.db, sites: singleSite(), clock: { now: () => NOW } }) },
        ],
      }),
    });
  });
  afterAll(async () => kit?.dispose());

  it("shows an auditor the export form in facility days and the chain's newest entry", async () => {
    const res = await get("/audit", await cookieOf("auditor"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Export the audit trail");
    expect(html).toContain('action="/audit/export"');
    expect(html).toContain("Times are Pacific Time (America/Los_Angeles).");
    const head = (await listAudit(kit.ledger.db)).at(-1)!;
    expect(html).toContain(head.hash);
  });

  it("downloads a facility-local day range, both days included, that verifies; the download is audited", async () => {
    const res = await get("/audit/export?from=2026-11-27&to=2026-11-27", await cookieOf("auditor"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="vaultline-audit-from-2026-11-27-to-2026-11-27.jsonl"',
    );
    const body = await res.text();
    const subjects = body
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { subject: string }).subject);
    expect(subjects).toEqual(["first minute of the 27th", "last minute of the 27th (UTC is the 28th)"]);
    expect(verifyAuditText(body)).toEqual({ ok: true, entries: 2, records: 0 });
    expect((await listAudit(kit.ledger.db)).at(-1)).toMatchObject({
      actor: "e-auditor",
      action: "audit.exported",
      at: new Date(NOW).toISOString(),
      detail: { from: "2026-11-27", to: "2026-11-27", timeZone: "America/Los_Angeles", via: "dashboard" },
    });
  });

  it("downloads the whole trail, the export entry included, when no days are given; a manager may too", async () => {
    const res = await get("/audit/export", await cookieOf("manager"));
    expect(res.status).toBe(200);
    const verdict = verifyAuditText(await res.text());
    const all = await listAudit(kit.ledger.db);
    expect(verdict).toEqual({ ok: true, entries: all.length, records: 0 });
    expect(all.at(-1)).toMatchObject({ actor: "e-manager", action: "audit.exported" });
  });

  it("refuses a budtender and a coordinator (403), and a date that is not one (400, with the reason)", async () => {
    for (const role of ["budtender", "coordinator"]) {
      const res = await get("/audit/export?from=2026-11-27", await cookieOf(role));
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(`role "${role}" may not read /audit`);
    }
    const bad = await get("/audit/export?from=2026-11-31", await cookieOf("auditor"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("from takes a date like 2026-11-01, not &quot;2026-11-31&quot;");
    const backwards = await get("/audit/export?from=2026-11-28&to=2026-11-27", await cookieOf("auditor"));
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain(
      "from 2026-11-28 comes after to 2026-11-27: the first day may not come after the last",
    );
  });
});
