import { Hono } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "../../ledger/catalog.js";
import { fullPackageHistory } from "../../ledger/history.js";
import { listPackages } from "../../ledger/package-list.js";
import { listStationsOfSites } from "../../ledger/stations.js";
import { chooseSites } from "../../sites/access.js";
import type { WebDeps } from "../deps.js";
import { packageSite } from "../package-site.js";
import { filterOf, parsePackageQuery } from "./package-filters.js";

/**
 * The JSON API (public surface): GET /api/health, /api/stations[?site=], /api/packages/:label[?site=]
 * (the package and its history oldest first: events, movements and adjustments, see
 * ledger/history.ts), GET /api/packages[?site=] (the packages list's filters, `?sellable=true` what
 * the POS may sell; paged by `after` = the previous page's `next`). `?site=` names a site the hub
 * serves (404 otherwise) that the login may see (403 otherwise); without it the lists hold every
 * site the login may see.
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
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      const stations = await listStationsOfSites(deps.db, deps.sites, choice.sites);
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
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      const page = await listPackages(deps.db, { ...filterOf(parsed.query), sites: choice.sites }, parsed.query);
      return c.json({
        total: page.total,
        next: page.next,
        packages: page.rows.map(({ pkg, itemName }) => ({ ...pkg, itemName })),
      });
    })
    .get("/packages/:label", async (c) => {
      const parsed = parseMetrcTag(c.req.param("label"));
      if (!parsed.ok) return c.json({ error: `malformed label: ${parsed.reason}` }, 400);
      const label = parsed.tag;
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      const where = await packageSite(deps.db, deps.sites, choice.sites, choice.chosen, label);
      if ("ambiguous" in where) {
        return c.json(
          {
            error: `label ${label} is a package at sites ${where.ambiguous.join(", ")}: ask with ?site=`,
            sites: where.ambiguous,
          },
          409,
        );
      }
      if ("none" in where) return c.json({ error: `label ${label} was never scanned or synced` }, 404);
      const { site } = where;
      const [found, history] = await Promise.all([
        findPackage(deps.db, site, label),
        fullPackageHistory(deps.db, site, label, { envelopeSite: deps.sites.envelopeFilter(site) }),
      ]);
      if (!found && history.length === 0) {
        return c.json(
          { error: `label ${label} was never scanned or synced${deps.sites.multi ? ` at site ${site}` : ""}` },
          404,
        );
      }
      const pkg = found?.pkg;
      return c.json({
        label,
        site,
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
