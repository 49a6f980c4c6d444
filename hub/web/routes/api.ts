import { Hono } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "../../ledger/catalog.js";
import { fullPackageHistory } from "../../ledger/history.js";
import { listPackages } from "../../ledger/package-list.js";
import { listStations } from "../../ledger/stations.js";
import type { WebDeps } from "../deps.js";
import { filterOf, parsePackageQuery } from "./package-filters.js";

/**
 * The JSON API (public surface): GET /api/health, /api/stations, /api/packages/:label (the
 * package and its history oldest first: events, movements and adjustments, see ledger/history.ts),
 * GET /api/packages (the packages list's filters, `?sellable=true` what the POS may sell; paged
 * by `after` = the previous page's `next`).
 */
export function apiRoutes(deps: WebDeps) {
  return new Hono()
    .get("/health", async (c) => {
      const db = await deps.db
        .selectFrom("stations")
        .select("id")
        .limit(1)
        .execute()
        .then(() => ({ ok: true, dialect: deps.dialect }))
        .catch((err: Error) => ({ ok: false, dialect: deps.dialect, error: err.message }));
      const broker = deps.broker();
      const ingest = deps.ingestStats();
      // A ledger that answers a select but refuses the ingest's writes is not healthy either.
      const ok = db.ok && broker.connected && !ingest.failing;
      return c.json({ ok, db, broker, ingest }, ok ? 200 : 503);
    })
    .get("/stations", async (c) => {
      const stations = await listStations(deps.db);
      return c.json(
        stations.map((s) => ({
          id: s.id,
          siteId: s.siteId,
          online: s.online,
          lastSeen: s.lastSeen,
          outboxDepth: s.status.outboxDepth ?? null,
          version: s.status.version ?? null,
          startedAt: s.status.startedAt ?? null,
          signedIn: s.status.signedIn ?? null,
          devices: s.status.devices ?? [],
          diskFull: s.status.diskFull ?? false,
          setAside: s.status.setAside ?? null,
        })),
      );
    })
    .get("/packages", async (c) => {
      const parsed = parsePackageQuery(c.req.query());
      if (!parsed.ok) return c.json({ error: parsed.reason }, 400);
      const page = await listPackages(deps.db, filterOf(parsed.query), parsed.query);
      return c.json({ total: page.total, next: page.next, packages: page.rows.map(({ pkg, itemName }) => ({ ...pkg, itemName })) });
    })
    .get("/packages/:label", async (c) => {
      const parsed = parseMetrcTag(c.req.param("label"));
      if (!parsed.ok) return c.json({ error: `malformed label: ${parsed.reason}` }, 400);
      const label = parsed.tag;
      const [found, history] = await Promise.all([findPackage(deps.db, label), fullPackageHistory(deps.db, label)]);
      if (!found && history.length === 0) {
        return c.json({ error: `label ${label} was never scanned or synced` }, 404);
      }
      const pkg = found?.pkg;
      return c.json({
        label,
        known: found !== undefined,
        item: found?.item ?? null,
        quantity: pkg?.quantity ?? null,
        unit: pkg?.unit ?? null,
        location: pkg?.location ?? null,
        status: pkg?.status ?? null,
        labState: pkg?.labState ?? null,
        packagedDate: pkg?.packagedDate ?? null,
        expirationDate: pkg?.expirationDate ?? null,
        batch: pkg?.batch ?? null,
        history,
      });
    });
}
