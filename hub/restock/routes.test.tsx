import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import { formPost, ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";
import { P2, P3, seedVault } from "#hub/testing/restock-kit.js";
import type { OpenRequest } from "./requests.js";
import { restockApi, restockPages } from "./routes.js";
import { createRestockService } from "./service.js";

/** /restock on the real dashboard with logins: a budtender asks, who may set minimums, refusals shown. */
describe("restock routes", () => {
  let kit: DashboardKit;
  const who: Record<string, { cookie: string; csrf: string }> = {};
  beforeAll(async () => {
    kit = await startDashboardKit({
      prepare: (ledger) => seedVault(ledger.db),
      deps: (ledger) => {
        const service = createRestockService({
          db: ledger.db,
          log: silentLog(),
          clock: { now: () => Date.now() },
          sites: singleSite(),
          places: { floorLocation: "Sales Floor", quarantineLocation: "Quarantine" },
          stationSync: { publishCatalogChange: async () => undefined },
          publish: async () => undefined,
        });
        const deps = {
          db: ledger.db,
          sites: singleSite(),
          service,
          floorLocation: "Sales Floor",
          now: () => Date.now(),
        };
        return {
          extraRoutes: [
            { path: "/restock", app: restockPages(deps) },
            { path: "/api/restock", app: restockApi(deps) },
          ],
        };
      },
    });
    for (const role of ["budtender", "coordinator", "auditor"]) {
      const s = await signIn(kit.app, role, DASHBOARD_PASSWORD);
      who[role] = { cookie: s.cookie, csrf: s.csrf };
    }
  });
  afterAll(() => kit?.dispose());

  const post = (role: string, path: string, fields: Record<string, string> | URLSearchParams) => {
    const body = new URLSearchParams(fields);
    body.set("_csrf", who[role]!.csrf);
    return formPost(kit.app, path, who[role]!.cookie, Object.fromEntries(body));
  };
  const get = (role: string, path: string) =>
    kit.app.request(`${ORIGIN}${path}`, { headers: { cookie: who[role]!.cookie } });

  it("lets a budtender ask, and shows the pick list in FEFO/FIFO order with the vault shelves", async () => {
    const res = await post("budtender", "/restock/requests", { itemId: "item-bd35", quantity: "15" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Restock asked");
    expect(html.indexOf(`data-pick="${P3}"`)).toBeLessThan(html.indexOf(`data-pick="${P2}"`));
    const api = (await (await get("auditor", "/api/restock")).json()) as { requests: OpenRequest[] };
    expect(api.requests[0]).toMatchObject({ requestedById: "e-budtender", request: { origin: "dashboard" } });
    expect(api.requests[0]!.request.lines[0]!.picks.map((p) => [p.label, p.location])).toEqual([
      [P3, "Vault A-2"],
      [P2, "Vault B-2"],
    ]);
  });

  it("refuses a request without a quantity or of an unknown item, with the reason on the page", async () => {
    const none = await post("budtender", "/restock/requests", { itemId: "item-bd35", quantity: "" });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("must be more than 0");
    const unknown = await post("budtender", "/restock/requests", { itemId: "item-zzz", quantity: "2" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("no item item-zzz");
  });

  it("lets the coordinator set a floor minimum, not a budtender or an auditor", async () => {
    expect((await post("budtender", "/restock/minimums", { itemId: "item-ogk", minimum: "100" })).status).toBe(403);
    expect((await post("auditor", "/restock/minimums", { itemId: "item-ogk", minimum: "100" })).status).toBe(403);
    const bad = await post("coordinator", "/restock/minimums", { itemId: "item-ogk", minimum: "lots" });
    expect(bad.status).toBe(422);
    const ok = await post("coordinator", "/restock/minimums", { itemId: "item-ogk", minimum: "100", refillTo: "300" });
    expect(ok.status).toBe(200);
    const floor = (await (await get("coordinator", "/api/restock/floor")).json()) as {
      items: Array<{ itemId: string; minimum: number; requested: boolean }>;
    };
    // Nothing of it on the floor: under the minimum, so the hub asked for it at once.
    expect(floor.items.find((i) => i.itemId === "item-ogk")).toMatchObject({ minimum: 100, requested: true });
  });

  it("withdraws an open request once", async () => {
    const api = (await (await get("coordinator", "/api/restock")).json()) as { requests: OpenRequest[] };
    const id = api.requests[0]!.request.requestId;
    expect((await post("coordinator", `/restock/requests/${id}/cancel`, {})).status).toBe(200);
    expect((await post("coordinator", `/restock/requests/${id}/cancel`, {})).status).toBe(409);
  });
});
