import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "#hub/auth/index.js";
import { addEmployee, capturingLog, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { Layout } from "#hub/web/views/layout.js";
import { posUploadLimits } from "./module.js";
import { posApi, posPages } from "./routes.js";
import { fixedClock, fixture, seedPosCatalog, SITE, T1, TZ } from "#hub/testing/pos-kit.js";

const PASSWORD = "correct horse battery";
const roles: Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];

describe("POS import over HTTP", () => {
  let ledger: TestLedger;
  let app: Hono;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedPosCatalog(ledger.db);
    const auth = createHubAuth({
      db: ledger.db,
      log: capturingLog().log,
      https: false,
      clock: new FakeClock(),
      passwordCost: TEST_PASSWORD_COST,
      uploadLimits: posUploadLimits,
    });
    const deps = { db: ledger.db, clock: fixedClock, pos: { sites: [{ id: SITE, timeZone: TZ }], listed: false } };
    app = new Hono();
    app.use("*", auth.middleware);
    app.route("/", auth.routes);
    app.use(
      "*",
      jsxRenderer(({ children }) => <Layout title="Dashboard">{children}</Layout>, { docType: true }),
    );
    app.route("/pos", posPages(deps)).route("/api/pos", posApi(deps));
    app.post("/api/other", (c) => c.text("ok"));
    for (const role of roles) {
      await addEmployee(ledger.db, `e-${role}`, role);
      await auth.service.setPassword(`e-${role}`, role, PASSWORD);
      const s = await signIn(app, role, PASSWORD);
      sessions.set(role, { cookie: s.cookie, csrf: s.csrf });
    }
  });
  afterAll(async () => ledger.dispose());

  const headers = (role: Role, extra: Record<string, string> = {}) => {
    const s = sessions.get(role)!;
    return { origin: ORIGIN, cookie: s.cookie, "X-CSRF-Token": s.csrf, ...extra };
  };
  const upload = (
    role: Role,
    path: string,
    text: string,
    fields: Record<string, string>,
    name = "sales.csv",
    extra: Record<string, string> = {},
  ) => {
    const form = new FormData();
    form.set("file", new File([text], name, { type: "text/csv" }));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return app.request(`${ORIGIN}${path}`, { method: "POST", headers: headers(role, extra), body: form });
  };

  it("imports a multipart upload and answers the report: 200 landed, 200 already in (raw body)", async () => {
    const res = await upload("coordinator", "/api/pos/imports", fixture("sales.csv"), { format: "csv" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      file: "sales.csv",
      format: "csv",
      rows: 7,
      imported: 7,
      alreadyImported: 0,
      errors: [],
    });
    const raw = await app.request(`${ORIGIN}/api/pos/imports?format=csv&file=again.csv`, {
      method: "POST",
      headers: headers("manager", { "content-type": "text/csv" }),
      body: fixture("sales.csv"),
    });
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ file: "again.csv", imported: 0, alreadyImported: 7 });
    expect((await listAudit(ledger.db)).filter((e) => e.action === "pos.import").map((e) => e.actor)).toEqual([
      "e-coordinator",
    ]);
  });

  it("answers 422 with every bad row for a refused file and 400 for a request it cannot read", async () => {
    const bad = await upload("admin", "/api/pos/imports", fixture("bad-sales.csv"), { format: "csv" }, "bad.csv");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Array<{ row: number }> }).errors.map((e) => e.row)).toEqual([
      3, 4, 5, 6, 7,
    ]);
    const format = await upload("admin", "/api/pos/imports", "x", { format: "square" });
    expect(format.status).toBe(400);
    expect(await format.json()).toEqual({ error: "format must be one of dutchie, flowhub, csv" });
    const noFile = await app.request(`${ORIGIN}/api/pos/imports`, {
      method: "POST",
      headers: headers("admin"),
      body: (() => {
        const f = new FormData();
        f.set("format", "csv");
        return f;
      })(),
    });
    expect(noFile.status).toBe(400);
  });

  it("lets coordinators, managers and admins import; auditors and budtenders get 403 with the reason", async () => {
    const auditor = await upload("auditor", "/api/pos/imports", fixture("sales.csv"), { format: "csv" });
    expect(auditor.status).toBe(403);
    expect(await auditor.json()).toEqual({ error: "this sign-in is read-only" });
    const budtender = await upload("budtender", "/api/pos/imports", fixture("sales.csv"), { format: "csv" });
    expect(budtender.status).toBe(403);
    expect(((await budtender.json()) as { error: string }).error).toBe('role "budtender" may not change /api/pos');
    expect((await app.request(`${ORIGIN}/pos`, { headers: headers("auditor") })).status).toBe(200);
    expect((await app.request(`${ORIGIN}/pos`, { headers: headers("budtender") })).status).toBe(403);
  });

  it("takes a file past the 1 MiB form limit on the import paths only", async () => {
    const head = "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided";
    const rows = Array.from(
      { length: 14_000 },
      (_, i) => `BIG-${String(i).padStart(6, "0")},1,2026-11-01T12:00:00-08:00,${T1},item-001,1,Each,18.00,false`,
    );
    const text = [head, ...rows].join("\n");
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const res = await upload("manager", "/api/pos/imports", text, { format: "csv", site: "store-big" }, "big.csv");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 14_000, imported: 14_000 });
    const other = await app.request(`${ORIGIN}/api/other`, {
      method: "POST",
      headers: headers("manager", { "content-type": "text/plain" }),
      body: text,
    });
    expect(other.status).toBe(413);
  });

  it("serves the day's sales and net per package for a site", async () => {
    const res = await app.request(`${ORIGIN}/api/pos/sales?date=2026-10-31`, { headers: headers("auditor") });
    const body = (await res.json()) as {
      site: string;
      net: Array<{ packageLabel: string; quantity: number }>;
      lines: unknown[];
    };
    expect(body.site).toBe(SITE);
    expect(body.net.find((n) => n.packageLabel === T1)?.quantity).toBe(3);
    expect(body.lines).toHaveLength(3);
    expect((await app.request(`${ORIGIN}/api/pos/sales?date=yesterday`, { headers: headers("auditor") })).status).toBe(
      400,
    );
    const other = (await (
      await app.request(`${ORIGIN}/api/pos/sales?date=2026-11-01&site=store-big`, { headers: headers("auditor") })
    ).json()) as { lines: unknown[] };
    expect(other.lines).toHaveLength(14_000);
  });

  it("shows the upload page and answers the form with the report part, rows numbered", async () => {
    const page = await (await app.request(`${ORIGIN}/pos`, { headers: headers("coordinator") })).text();
    expect(page).toContain('hx-encoding="multipart/form-data"');
    expect(page).toContain('<progress id="pos-progress"');
    expect(page).toContain('src="/pos/upload.js"');
    const part = await upload(
      "coordinator",
      "/pos/imports",
      fixture("bad-sales.csv"),
      { format: "csv", mapping: "" },
      "bad.csv",
      { "HX-Request": "true" },
    );
    expect(part.status).toBe(200);
    const html = await part.text();
    expect(html).toContain('data-outcome="refused"');
    expect(html).toContain('<tr data-row="3"><td>3</td>');
    expect(html).toContain('id="pos-imports" hx-swap-oob="true"');
    const plain = await upload("coordinator", "/pos/imports", fixture("bad-sales.csv"), { format: "csv" }, "bad.csv");
    expect(plain.status).toBe(422);
    expect(
      (await app.request(`${ORIGIN}/pos/upload.js`, { headers: headers("coordinator") })).headers.get("content-type"),
    ).toContain("javascript");
  });

  it("saves a column mapping from the form, shows problems on a bad one, and imports through it", async () => {
    const form = (fields: Record<string, string>) =>
      app.request(`${ORIGIN}/pos/mappings`, {
        method: "POST",
        headers: headers("manager", { "content-type": "application/x-www-form-urlencoded", "HX-Request": "true" }),
        body: new URLSearchParams(fields),
      });
    const bad = await (await form({ name: "Treez", "col.receiptId": "Ticket" })).text();
    expect(bad).toContain(
      "<li>completedAt: name the export&#39;s column for this field</li><li>quantity: name the export&#39;s column for this field</li>",
    );
    expect(bad).toContain(
      "<li>packageLabel: map a package tag column or a SKU column (or both)</li><li>unit: map a unit column or choose the unit of every line</li>",
    );
    const saved = await form({
      name: "Cova",
      "col.receiptId": "Receipt Number",
      "col.completedAt": "Sold At",
      "col.packageLabel": "Package Tag",
      "col.sku": "SKU",
      "col.quantity": "Qty",
      "col.unit": "UOM",
      "col.total": "Net Sales",
      "col.voided": "Status",
      voidedValues: "Voided, Void",
      delimiter: ",",
    });
    const savedHtml = await saved.text();
    expect(savedHtml).toContain('data-saved="Cova"');
    expect(savedHtml).toMatch(
      /<select name="mapping" id="pos-mapping" hx-swap-oob="true">.*<option value="Cova">Cova<\/option><\/select>/,
    );
    const listed = (await (
      await app.request(`${ORIGIN}/api/pos/mappings`, { headers: headers("auditor") })
    ).json()) as { mappings: Array<{ name: string; voidedValues: string[] }> };
    expect(listed.mappings).toEqual([
      expect.objectContaining({ name: "Cova", voidedValues: ["Voided", "Void"], updatedBy: "e-manager" }),
    ]);
    const res = await upload(
      "coordinator",
      "/api/pos/imports",
      fixture("cova-sales.csv"),
      { format: "csv", mapping: "Cova" },
      "cova.csv",
    );
    expect(await res.json()).toMatchObject({ rows: 5, imported: 5, errors: [] });
    const page = await (await app.request(`${ORIGIN}/pos`, { headers: headers("coordinator") })).text();
    expect(page).toContain('<option value="Cova">Cova</option>');
  });
});
