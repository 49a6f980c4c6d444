/**
 * The METRC simulator's HTTP API: the v2 endpoints the hub uses, with METRC's auth, license
 * checks, paging, windows, validation and error bodies.
 */
import { Hono, type Context } from "hono";
import { UNITS, type SimKeys, type SimPackage } from "./model.js";
import * as r from "./render.js";
import { arrayBody, envelope, inWindow, SimHttpError } from "./sim-http.js";
import type { SimState } from "./state.js";
import { createPackages } from "./create-packages.js";
import * as w from "./writes.js";

/** Routes that take no licenseNumber (metrc-api.md §1). */
const NO_LICENSE = [
  /^\/facilities\/v2\/?$/,
  /^\/unitsofmeasure\/v2\//,
  /^\/transfers\/v2\/\d+\/deliveries$/,
  /^\/transfers\/v2\/deliveries\/\d+\/packages$/,
];

/** The v2 API of one simulated facility, guarded by the simulator's keys. */
export function metrcApiApp(state: SimState, keys: SimKeys): Hono {
  const app = new Hono();
  app.onError((e, c) => {
    if (e instanceof SimHttpError) return c.json({ Message: e.message }, e.status);
    return c.json({ Message: "An error has occurred." }, 500);
  });
  app.use("*", async (c, next) => {
    if (!authorized(c.req.header("authorization"), keys))
      return c.json({ Message: "Authorization has been denied for this request." }, 401);
    const license = c.req.query("licenseNumber");
    if (license !== undefined && license !== state.license)
      return c.json({ Message: `No valid license found for ${license}.` }, 401);
    const needsLicense =
      !NO_LICENSE.some((re) => re.test(c.req.path)) &&
      !/^\/packages\/v2\/[^/]+$/.test(c.req.path) &&
      !/^\/sales\/v2\/receipts\/\d+$/.test(c.req.path);
    if (needsLicense && license === undefined) return c.json({ Message: "licenseNumber is required." }, 400);
    return next();
  });
  packageRoutes(app, state);
  catalogRoutes(app, state);
  transferRoutes(app, state);
  saleRoutes(app, state);
  writeRoutes(app, state);
  return app;
}

function authorized(header: string | undefined, keys: SimKeys): boolean {
  if (!header?.startsWith("Basic ")) return false;
  return Buffer.from(header.slice(6), "base64").toString() === `${keys.vendorKey}:${keys.userKey}`;
}

function packageRoutes(app: Hono, s: SimState): void {
  const pkgs = (pred: (p: SimPackage) => boolean) => (c: Context) =>
    c.json(envelope(c, inWindow(c, [...s.packages.values()].filter(pred)), (p) => r.renderPackage(s, p)));
  app.get("/facilities/v2/", (c) => c.json([r.renderFacility(s)]));
  app.get("/unitsofmeasure/v2/active", (c) =>
    c.json(Object.entries(UNITS).map(([Name, v]) => ({ QuantityType: v.type, Name, Abbreviation: v.abbreviation }))),
  );
  app.get(
    "/packages/v2/active",
    pkgs((p) => !p.finishedDate && !p.onHold),
  );
  app.get(
    "/packages/v2/onhold",
    pkgs((p) => !p.finishedDate && p.onHold),
  );
  app.get(
    "/packages/v2/inactive",
    pkgs((p) => p.finishedDate !== null),
  );
  app.get("/packages/v2/adjust/reasons", (c) => c.json(envelope(c, s.reasons, r.renderReason)));
  app.get("/packages/v2/adjustments", (c) => c.json(envelope(c, s.adjustments, (a) => r.renderAdjustment(a, s))));
  app.get("/packages/v2/:idOrLabel", (c) => {
    const key = c.req.param("idOrLabel");
    // One route serves both: a numeric segment is an id, anything else a label.
    const pkg = /^\d+$/.test(key) ? s.packagesById.get(Number(key)) : s.packages.get(key);
    if (!pkg) throw new SimHttpError(404, `Package ${key} was not found.`);
    return c.json(r.renderPackage(s, pkg));
  });
}

function catalogRoutes(app: Hono, s: SimState): void {
  app.get("/items/v2/active", (c) => c.json(envelope(c, inWindow(c, [...s.items.values()]), r.renderItem)));
  app.get("/locations/v2/active", (c) => c.json(envelope(c, [...s.locations.values()], r.renderLocation)));
  app.get("/labtests/v2/results", (c) => {
    const id = Number(c.req.query("packageId"));
    if (!Number.isInteger(id)) throw new SimHttpError(400, "packageId is required.");
    return c.json(
      envelope(
        c,
        s.labResults.filter((x) => x.packageId === id),
        (x) => r.renderLabResult(x, s),
      ),
    );
  });
  app.get("/labtests/v2/labtestdocument/:id", (c) => {
    const doc = s.documents.get(Number(c.req.param("id")));
    if (!doc) throw new SimHttpError(404, "Document was not found.");
    return c.body(doc.slice().buffer as ArrayBuffer, 200, { "content-type": "application/pdf" });
  });
}

function transferRoutes(app: Hono, s: SimState): void {
  app.get("/transfers/v2/incoming", (c) =>
    c.json(envelope(c, inWindow(c, [...s.transfers.values()]), (t) => r.renderTransfer(s, t))),
  );
  app.get("/transfers/v2/:id/deliveries", (c) => {
    const t = s.transfers.get(Number(c.req.param("id")));
    if (!t) throw new SimHttpError(404, "Transfer was not found.");
    return c.json(envelope(c, [t], (x) => r.renderDelivery(s, x)));
  });
  app.get("/transfers/v2/deliveries/:id/packages", (c) => {
    const t = [...s.transfers.values()].find((x) => x.deliveryId === Number(c.req.param("id")));
    if (!t) throw new SimHttpError(404, "Delivery was not found.");
    return c.json(envelope(c, r.renderDeliveryPackages(s, t), (x) => x));
  });
}

function saleRoutes(app: Hono, s: SimState): void {
  app.get("/sales/v2/receipts/active", (c) =>
    c.json(
      envelope(
        c,
        inWindow(
          c,
          [...s.receipts.values()].filter((x) => !x.isFinal && !x.archivedAt),
        ),
        r.renderReceipt,
      ),
    ),
  );
  app.get("/sales/v2/receipts/inactive", (c) =>
    c.json(
      envelope(
        c,
        inWindow(
          c,
          [...s.receipts.values()].filter((x) => x.isFinal || x.archivedAt),
        ),
        r.renderReceipt,
      ),
    ),
  );
  app.get("/sales/v2/receipts/external/:n", (c) => {
    const rc = s.receiptByExternal(c.req.param("n"));
    if (!rc) throw new SimHttpError(404, "Receipt was not found.");
    return c.json(r.renderReceipt(rc));
  });
  app.get("/sales/v2/receipts/:id", (c) => {
    const rc = s.receipts.get(Number(c.req.param("id")));
    if (!rc) throw new SimHttpError(404, "Receipt was not found.");
    return c.json(r.renderReceipt(rc));
  });
}

function writeRoutes(app: Hono, s: SimState): void {
  const answer = (c: Context, res: w.WriteResult, withIds: boolean) => {
    if (!res.ok) return c.json(res.errors, 400);
    return withIds ? c.json({ Ids: res.ids, Warnings: null }) : c.body(null, 200);
  };
  app.post("/packages/v2/adjust", async (c) => answer(c, w.adjust(s, await arrayBody(c)), true));
  app.post("/packages/v2/", async (c) => answer(c, createPackages(s, await arrayBody(c)), true));
  app.put("/packages/v2/location", async (c) => answer(c, w.changeLocation(s, await arrayBody(c)), false));
  app.put("/packages/v2/note", async (c) => answer(c, w.changeNote(s, await arrayBody(c)), false));
  app.put("/packages/v2/finish", async (c) => answer(c, w.finish(s, await arrayBody(c)), false));
  app.put("/packages/v2/unfinish", async (c) => answer(c, w.unfinish(s, await arrayBody(c)), false));
  app.post("/sales/v2/receipts", async (c) => answer(c, w.createReceipts(s, await arrayBody(c)), true));
  app.delete("/sales/v2/receipts/:id", (c) => {
    const rc = s.receipts.get(Number(c.req.param("id")));
    if (!rc) throw new SimHttpError(404, "Receipt was not found.");
    if (rc.archivedAt !== null) throw new SimHttpError(400, `Receipt ${rc.id} is already archived.`);
    rc.archivedAt = s.clock.now();
    rc.lastModified = rc.archivedAt;
    // Archiving a receipt puts its quantities back into the packages it took them from.
    for (const l of rc.lines) {
      const pkg = s.packages.get(l.label);
      if (pkg) {
        pkg.quantity = Math.round((pkg.quantity + l.quantity) * 1e6) / 1e6;
        s.touch(pkg);
      }
    }
    return c.body(null, 200);
  });
}
