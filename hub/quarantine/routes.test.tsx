import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import { formPost, ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";
import { P1, P2, seedVault } from "#hub/testing/restock-kit.js";
import { quarantineApi, quarantinePages } from "./routes.js";
import { createQuarantineService } from "./service.js";

/** /quarantine on the real dashboard with logins: who may hold, ask and approve, and what a refusal shows. */
describe("quarantine routes", () => {
  let kit: DashboardKit;
  const who: Record<string, { cookie: string; csrf: string }> = {};
  beforeAll(async () => {
    kit = await startDashboardKit({
      prepare: (ledger) => seedVault(ledger.db),
      deps: (ledger) => {
        const service = createQuarantineService({
          db: ledger.db,
          log: silentLog(),
          clock: { now: () => Date.now() },
          sites: singleSite(),
          stationSync: { publishCatalogChange: async () => undefined },
        });
        const deps = { db: ledger.db, sites: singleSite(), service, quarantineLocation: "Quarantine" };
        return {
          extraRoutes: [
            { path: "/quarantine", app: quarantinePages(deps) },
            { path: "/api/quarantine", app: quarantineApi(deps) },
          ],
        };
      },
    });
    for (const role of ["coordinator", "manager", "auditor", "admin"]) {
      const s = await signIn(kit.app, role, DASHBOARD_PASSWORD);
      who[role] = { cookie: s.cookie, csrf: s.csrf };
    }
  });
  afterAll(() => kit?.dispose());

  const post = (role: string, path: string, fields: Record<string, string>) =>
    formPost(kit.app, path, who[role]!.cookie, { ...fields, _csrf: who[role]!.csrf });
  const get = (role: string, path: string) =>
    kit.app.request(`${ORIGIN}${path}`, { headers: { cookie: who[role]!.cookie } });
  const sellable = async () =>
    (
      (await (await get("manager", "/api/packages?sellable=true")).json()) as { packages: Array<{ label: string }> }
    ).packages.map((p) => p.label);
  const holdOf = async (label: string) =>
    (
      (await (await get("manager", "/api/quarantine")).json()) as {
        holds: Array<{ label: string; holdId: string; status: string }>;
      }
    ).holds.find((h) => h.label === label);

  it("holds a package from the dashboard; the POS list of sellable packages leaves it out", async () => {
    expect(await sellable()).toContain(P1);
    const res = await post("coordinator", "/quarantine/holds", {
      label: P1,
      reason: "recall",
      note: "producer recall 42",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${P1} is in quarantine`);
    expect(await sellable()).not.toContain(P1);
    expect(await sellable()).toContain(P2);
    expect(await holdOf(P1)).toMatchObject({ status: "held" });
  });

  it("refuses a bad tag, an unknown reason and a second hold, saying why", async () => {
    const bad = await post("coordinator", "/quarantine/holds", { label: "NOT-A-TAG", reason: "recall" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("is not a METRC tag");
    expect((await post("coordinator", "/quarantine/holds", { label: P2, reason: "bored" })).status).toBe(400);
    const twice = await post("coordinator", "/quarantine/holds", { label: P1, reason: "recall" });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("in quarantine already");
  });

  it("refuses a release nobody asked for, a coordinator approving, and an auditor writing", async () => {
    const { holdId } = (await holdOf(P1))!;
    const early = await post("manager", `/quarantine/approvals/${holdId}`, { decision: "approve" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("nobody asked to release");
    expect(
      (await post("coordinator", "/quarantine/release-requests", { label: P1, note: "recall lifted" })).status,
    ).toBe(200);
    const coord = await post("coordinator", `/quarantine/approvals/${holdId}`, { decision: "approve" });
    expect(coord.status).toBe(403);
    const auditor = await post("auditor", "/quarantine/holds", { label: P2, reason: "damaged" });
    expect(auditor.status).toBe(403);
    expect(await auditor.text()).toContain("read-only");
    expect(await sellable()).not.toContain(P1);
  });

  it("releases on a manager's approval, back to its shelf and sellable", async () => {
    const page = await (await get("manager", "/quarantine")).text();
    expect(page).toContain('data-action="approve"');
    const { holdId } = (await holdOf(P1))!;
    const res = await post("manager", `/quarantine/approvals/${holdId}`, { decision: "approve", note: "ok" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${P1} released to Vault A-1`);
    expect(await sellable()).toContain(P1);
    expect(await holdOf(P1)).toBeUndefined();
  });

  it("answers another site with 404", async () => {
    expect((await get("manager", "/quarantine?site=nowhere")).status).toBe(404);
    expect((await get("manager", "/api/quarantine?site=nowhere")).status).toBe(404);
  });
});
