import { TEST_SITE } from "#hub/testing/ledger.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLedger } from "#hub/ledger/seed.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";

/** /packages and GET /api/packages over 1,200 demo packages: filters, keyset paging, refusals. */
const store = demoStore({ packages: 1200, days: 1, now: new Date("2026-11-27T18:00:00Z") });

describe("packages list", () => {
  let kit: DashboardKit;
  let cookie: string;
  beforeAll(async () => {
    kit = await startDashboardKit({ prepare: (ledger) => seedLedger(ledger.db, TEST_SITE, store) });
    cookie = (await signIn(kit.app, "budtender", DASHBOARD_PASSWORD)).cookie;
  });
  afterAll(() => kit?.dispose());

  const get = (path: string, headers: Record<string, string> = {}) =>
    kit.app.request(`${ORIGIN}${path}`, { headers: { cookie, ...headers } });
  const api = async (query: string) =>
    (await (await get(`/api/packages${query}`)).json()) as {
      total: number;
      next: string | null;
      packages: Array<{
        label: string;
        location: string;
        status: string;
        labState: string;
        expirationDate?: string;
        itemName: string | null;
      }>;
    };

  it("lists the first page with its item names, the total and a link to the next page", async () => {
    const res = await get("/packages");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("1,200 packages");
    expect(html.match(/<tr data-label=/g)).toHaveLength(50);
    const first = [...store.packages].sort((a, b) => a.label.localeCompare(b.label))[0]!;
    const item = store.items.find((i) => i.id === first.itemId)!;
    expect(html).toMatch(
      new RegExp(`data-label="${first.label}"[\\s\\S]*?${item.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
    expect(html).toMatch(/href="\/packages\?after=[0-9A-Z]{24}" rel="next"/);
  });

  it("pages through every package of a location exactly once", async () => {
    const location = "Sales Floor";
    const expected = store.packages
      .filter((p) => p.location === location)
      .map((p) => p.label)
      .sort();
    const seen: string[] = [];
    let after = "";
    for (let i = 0; i < 100; i++) {
      const page = await api(`?location=${encodeURIComponent(location)}&limit=37${after ? `&after=${after}` : ""}`);
      expect(page.total).toBe(expected.length);
      seen.push(...page.packages.map((p) => p.label));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(expected);
  });

  it("filters by status, lab state, item name and expiry", async () => {
    const quarantined = await api("?status=quarantine&limit=500");
    expect(quarantined.total).toBe(store.packages.filter((p) => p.status === "quarantine").length);
    expect(quarantined.packages.every((p) => p.status === "quarantine" && p.labState === "TestFailed")).toBe(true);
    const item = store.items[3]!;
    const byName = await api(`?item=${encodeURIComponent(item.name.slice(0, 8).toUpperCase())}&limit=500`);
    expect(byName.packages.every((p) => p.itemName?.toLowerCase().includes(item.name.slice(0, 8).toLowerCase()))).toBe(
      true,
    );
    expect(byName.total).toBe(
      store.packages.filter((p) =>
        store.items
          .find((i) => i.id === p.itemId)!
          .name.toLowerCase()
          .includes(item.name.slice(0, 8).toLowerCase()),
      ).length,
    );
    const expiring = await api("?expiresBy=2027-03-01&limit=500");
    expect(expiring.total).toBe(
      store.packages.filter((p) => p.expirationDate && p.expirationDate <= "2027-03-01").length,
    );
    expect(expiring.packages.every((p) => p.expirationDate! <= "2027-03-01")).toBe(true);
  });

  it("answers ?sellable=true with the active packages that passed lab only", async () => {
    const sellable = await api("?sellable=true&limit=500");
    expect(sellable.total).toBe(
      store.packages.filter((p) => p.status === "active" && p.labState === "TestPassed").length,
    );
    expect(sellable.packages.every((p) => p.status === "active" && p.labState === "TestPassed")).toBe(true);
  });

  it("sends htmx only the results part when a filter changes", async () => {
    const res = await get("/packages?status=quarantine", { "HX-Request": "true" });
    const html = await res.text();
    expect(html.startsWith('<div id="package-results">')).toBe(true);
    expect(html).not.toContain("<html");
  });

  it("refuses a bad filter with the reason: 400 on the page and the API, the form shown again", async () => {
    const page = await get("/packages?status=lost&item=x");
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toMatch(/role="alert">status: one of active, on-hold/);
    expect(html).toContain('<form id="package-filters"');
    const json = await get("/api/packages?expiresBy=tomorrow");
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("expiresBy: a day as YYYY-MM-DD");
    expect((await get("/api/packages?limit=100000")).status).toBe(400);
  });

  it("reads one location's page through its index, not the whole table", async () => {
    const plan = await sql<{
      detail: string;
    }>`explain query plan select * from packages where location = ${"Sales Floor"} and label > ${""} order by label limit 51`.execute(
      kit.ledger.db,
    );
    expect(plan.rows.map((r) => r.detail).join(" ")).toContain("packages_location_label");
  });
});
