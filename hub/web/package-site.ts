/**
 * Which site a package request is about. A label names a package within one site: `?site=`
 * says which; without it the one site among those the login may see that holds the package (or
 * recorded a station event about the tag) answers, and several are an ambiguity for the caller.
 */
import type { Db } from "../store/database.js";
import { sitesHoldingPackage } from "../ledger/catalog.js";
import type { SiteDirectory } from "../sites/directory.js";

export type PackageSite = { site: string } | { ambiguous: string[] } | { none: true };

/** The sites among `candidates` whose stations' events name `label` (a hub with a sites list). */
async function sitesWithEvents(
  db: Db,
  sites: SiteDirectory,
  candidates: readonly string[],
  label: string,
): Promise<string[]> {
  const envelopes = candidates.flatMap((id) => sites.envelopeFilter(id) ?? []);
  if (envelopes.length === 0) return [];
  const rows = await db
    .selectFrom("events")
    .select("site_id")
    .distinct()
    .where("label", "=", label)
    .where("site_id", "in", envelopes)
    .execute();
  const seen = new Set(rows.map((r) => r.site_id));
  return candidates.filter((id) => seen.has(sites.envelopeFilter(id) ?? ""));
}

/** The site of `label` among `candidates` (the sites a request may see); see the file's head. */
export async function packageSite(
  db: Db,
  sites: SiteDirectory,
  candidates: readonly string[],
  chosen: string | undefined,
  label: string,
): Promise<PackageSite> {
  if (chosen !== undefined) return { site: chosen };
  if (candidates.length === 1) return { site: candidates[0]! };
  if (candidates.length === 0) return { none: true };
  const holding = await sitesHoldingPackage(db, candidates, label);
  const found = holding.length > 0 ? holding : await sitesWithEvents(db, sites, candidates, label);
  if (found.length === 1) return { site: found[0]! };
  return found.length === 0 ? { none: true } : { ambiguous: found };
}
