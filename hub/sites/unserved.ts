/**
 * A ledger may hold rows of a site the hub no longer serves: the default site changed (SITE_ID
 * set, or a sites list given, after rows were written under another id). Those rows stay, unseen
 * by the dashboard and the stations; the hub says so at start instead of hiding them silently.
 */
import type { Kysely } from "kysely";
import type { Log } from "#hub/log.js";
import type { Database } from "#hub/store/database.js";
import type { SiteDirectory } from "./directory.js";

/** Site ids the ledger's packages, state-system queue or receiving hold that `sites` does not serve. */
export async function unservedSites(db: Kysely<Database>, sites: SiteDirectory): Promise<string[]> {
  const found = new Set<string>();
  for (const table of ["packages", "ss_submissions", "receiving_manifests"] as const) {
    const rows = await db.selectFrom(table).select("site_id").distinct().execute();
    for (const r of rows) if (!sites.get(r.site_id)) found.add(r.site_id);
  }
  return [...found].sort();
}

/** Logs a warning naming the unserved sites, when there are any. */
export async function warnOfUnservedSites(db: Kysely<Database>, sites: SiteDirectory, log: Log): Promise<void> {
  const unserved = await unservedSites(db, sites);
  if (unserved.length === 0) return;
  log.warn(
    { unserved, served: sites.ids(), code: "CONFIG_INVALID" },
    "the ledger holds packages or queued writes of sites this hub does not serve: add them to HUB_SITES (or set SITE_ID back) to see them",
  );
}
