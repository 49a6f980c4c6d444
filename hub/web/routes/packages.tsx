import { Hono } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "../../ledger/catalog.js";
import { fullPackageHistory } from "../../ledger/history.js";
import type { WebDeps } from "../deps.js";
import { PackagePage, PackageProblem } from "../views/pages/package.js";

/** GET /packages?label=… (the header's search box) and GET /packages/:label, as pages. */
export function packageRoutes(deps: WebDeps) {
  return new Hono()
    .get("/", (c) => {
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
      return c.render(<PackagePage label={parsed.tag} pkg={found?.pkg} item={found?.item ?? null} history={history} />);
    });
}
