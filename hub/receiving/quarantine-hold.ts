/**
 * Keeps packages the vault rejected in quarantine. A state-system sync takes METRC's package
 * status over into the ledger; when METRC shows a package Accepted (someone accepted it in METRC's
 * receive screen) that the vault rejected, the sync makes it active, yet it sits on the quarantine
 * shelf and must not be sold. The outcome watch flags the difference; this puts the status back.
 */
import type { Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { Db } from "#hub/store/database.js";

const QUARANTINE = "Quarantine";

/** Labels the vault rejected (lines rejected, every line of a refused manifest) that the ledger no longer holds in quarantine. */
async function strayed(
  db: Db,
  site: string,
): Promise<Array<{ label: string; manifestNumber: string; status: string; location: string }>> {
  const rows = await db
    .selectFrom("receiving_lines as l")
    .innerJoin("receiving_manifests as m", (j) =>
      j.onRef("m.site_id", "=", "l.site_id").onRef("m.manifest_number", "=", "l.manifest_number"),
    )
    .innerJoin("packages as p", (j) => j.onRef("p.site_id", "=", "l.site_id").onRef("p.label", "=", "l.label"))
    .select(["l.label", "l.manifest_number", "p.status", "p.location"])
    .where("l.site_id", "=", site)
    .where((eb) => eb.or([eb("l.decision", "=", "reject"), eb("m.status", "=", "rejected")]))
    .where("p.status", "!=", "quarantine")
    .execute();
  return rows.map((r) => ({
    label: r.label,
    manifestNumber: r.manifest_number,
    status: r.status,
    location: r.location,
  }));
}

/** Puts `site`'s strayed packages back in quarantine through the ledger, with an audit entry each; returns them for its stations. */
export async function holdRejectedInQuarantine(db: Db, site: string, at: string): Promise<Package[]> {
  return inTransaction(db, async (trx) => {
    const found = await strayed(trx, site);
    const done = await recordPackageChanges(
      trx,
      site,
      found.map((s) => ({
        label: s.label,
        at,
        why: "receiving.quarantine-kept",
        to: { status: "quarantine" as const, location: QUARANTINE },
        by: { actor: "system" },
        source: { kind: "manifest" as const, ref: s.manifestNumber },
        audit: {
          action: "receiving.quarantine.kept",
          detail: { manifestNumber: s.manifestNumber, statusFromStateSystem: s.status, locationBefore: s.location },
        },
      })),
    );
    return done.filter((d) => isMetrcTag(d.label)).map((d) => d.after);
  });
}
