import { Hono } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "../../ledger/catalog.js";
import { fullPackageHistory } from "../../ledger/history.js";
import { chooseSites } from "../../sites/access.js";
import { siteLabel } from "../../sites/site.js";
import type { WebDeps } from "../deps.js";
import { listPackages, packageLocations, type PackageListPage as Page } from "../../ledger/package-list.js";
import { PackageListPage, PackageResults } from "../views/pages/package-list.js";
import { packageSite } from "../package-site.js";
import { PackagePage, PackageProblem } from "../views/pages/package.js";
import { filterOf, PAGE_SIZE, parsePackageQuery } from "./package-filters.js";

const NOTHING: Page = { rows: [], total: 0, next: null };

/** GET /packages[?site=] (the list; ?label=… from the header's search box opens that package) and GET /packages/:label[?site=], as pages. */
export function packageRoutes(deps: WebDeps) {
  return new Hono()
    .get("/", async (c) => {
      if (!c.req.query("label")) {
        const choice = chooseSites(c, deps.sites);
        if (!choice.ok) {
          c.status(choice.status);
          return c.render(<PackageProblem message={choice.error} />);
        }
        const parsed = parsePackageQuery(c.req.query());
        const query = parsed.ok ? parsed.query : { limit: PAGE_SIZE, sellable: undefined };
        const listing = parsed.ok
          ? listPackages(deps.db, { ...filterOf(parsed.query), sites: choice.sites }, parsed.query)
          : Promise.resolve(NOTHING);
        const [page, locations] = await Promise.all([listing, packageLocations(deps.db)]);
        const props = { query, page, locations, problem: parsed.ok ? undefined : parsed.reason };
        if (!parsed.ok) c.status(400);
        // htmx 2 swaps no 4xx answer: a refused filter reaches the results as a 200 part with its reason.
        if (c.req.header("HX-Request")) return c.html(<PackageResults {...props} />, 200);
        return c.render(<PackageListPage {...props} />, { title: "Packages" });
      }
      const raw = c.req.query("label") ?? "";
      const parsed = parseMetrcTag(raw);
      if (!parsed.ok) {
        c.status(400);
        return c.render(<PackageProblem message={`"${raw}" is not a package tag: ${parsed.reason}`} />);
      }
      const site = c.req.query("site");
      return c.redirect(`/packages/${parsed.tag}${site ? `?site=${encodeURIComponent(site)}` : ""}`, 303);
    })
    .get("/:label", async (c) => {
      const parsed = parseMetrcTag(c.req.param("label"));
      if (!parsed.ok) {
        c.status(400);
        return c.render(<PackageProblem message={`not a package tag: ${parsed.reason}`} />);
      }
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) {
        c.status(choice.status);
        return c.render(<PackageProblem message={choice.error} />);
      }
      const where = await packageSite(deps.db, deps.sites, choice.sites, choice.chosen, parsed.tag);
      if ("ambiguous" in where) {
        c.status(409);
        return c.render(
          <PackageProblem
            message={`Package ${parsed.tag} is at ${where.ambiguous.length} sites (${where.ambiguous.join(", ")}): pick one in the header.`}
          />,
        );
      }
      const site = "site" in where ? where.site : undefined;
      const [found, history] =
        site === undefined
          ? [undefined, []]
          : await Promise.all([
              findPackage(deps.db, site, parsed.tag),
              fullPackageHistory(deps.db, site, parsed.tag, { envelopeSite: deps.sites.envelopeFilter(site) }),
            ]);
      if (!site || (!found && history.length === 0)) {
        c.status(404);
        return c.render(<PackageProblem message={`Package ${parsed.tag} was never scanned or synced.`} />);
      }
      const shown = deps.sites.multi ? { id: site, label: siteLabel(deps.sites.get(site)!) } : undefined;
      return c.render(
        <PackagePage
          label={parsed.tag}
          site={shown}
          pkg={found?.pkg}
          item={found?.item ?? null}
          history={history}
          timeZone={deps.timeZone}
        />,
        { title: `Package ${parsed.tag}` },
      );
    });
}
