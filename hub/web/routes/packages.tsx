import { Hono } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "../../ledger/catalog.js";
import { fullPackageHistory } from "../../ledger/history.js";
import type { WebDeps } from "../deps.js";
import { listPackages, packageLocations, type PackageListPage as Page } from "../../ledger/package-list.js";
import { PackageListPage, PackageResults } from "../views/pages/package-list.js";
import { PackagePage, PackageProblem } from "../views/pages/package.js";
import { filterOf, PAGE_SIZE, parsePackageQuery } from "./package-filters.js";

const NOTHING: Page = { rows: [], total: 0, next: null };

/** GET /packages (the list; ?label=… from the header's search box opens that package) and GET /packages/:label, as pages. */
export function packageRoutes(deps: WebDeps) {
  return new Hono()
    .get("/", async (c) => {
      if (!c.req.query("label")) {
        const parsed = parsePackageQuery(c.req.query());
        const query = parsed.ok ? parsed.query : { limit: PAGE_SIZE, sellable: undefined };
        const [page, locations] = await Promise.all([parsed.ok ? listPackages(deps.db, filterOf(parsed.query), parsed.query) : NOTHING, packageLocations(deps.db)]);
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
      return c.redirect(`/packages/${parsed.tag}`, 303);
    })
    .get("/:label", async (c) => {
      const parsed = parseMetrcTag(c.req.param("label"));
      if (!parsed.ok) {
        c.status(400);
        return c.render(<PackageProblem message={`not a package tag: ${parsed.reason}`} />);
      }
      const [found, history] = await Promise.all([findPackage(deps.db, parsed.tag), fullPackageHistory(deps.db, parsed.tag)]);
      if (!found && history.length === 0) {
        c.status(404);
        return c.render(<PackageProblem message={`Package ${parsed.tag} was never scanned or synced.`} />);
      }
      return c.render(<PackagePage label={parsed.tag} pkg={found?.pkg} item={found?.item ?? null} history={history} timeZone={deps.timeZone} />, { title: `Package ${parsed.tag}` });
    });
}
