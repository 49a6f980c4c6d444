/**
 * Keeps packages the vault rejected in quarantine. A state-system sync takes METRC's package
 * status over into the ledger; when METRC shows a package Accepted (someone accepted it in METRC's
 * receive screen) that the vault rejected, the sync makes it active, yet it sits on the quarantine
 * shelf and must not be sold. The outcome watch flags the difference; this puts the status back.
 */
import type { Transaction } from "kysely";
import type { Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import { packageFromRow } from "#hub/ledger/catalog.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { Database, Db } from "#hub/store/database.js";

const QUARANTINE = "Quarantine";

/** Labels the vault rejected (lines rejected, every line of a refused manifest) that the ledger no longer holds in quarantine. */
async function strayed(db: Db): Promise<Array<{ label: string; manifestNumber: string }>> {
  const rows = await db.selectFrom("receiving_lines as l")
    .innerJoin("receiving_manifests as m", "m.manifest_number", "l.manifest_number")
    .innerJoin("packages as p", "p.label", "l.label")
    .select(["l.label", "l.manifest_number"])
    .where((eb) => eb.or([eb("l.decision", "=", "reject"), eb("m.status", "=", "rejected")]))
    .where("p.status", "!=", "quarantine")
    .execute();
  return rows.map((r) => ({ label: r.label, manifestNumber: r.manifest_number }));
}

/** Puts strayed packages back in quarantine, with an audit entry each; returns them for the stations. */
export async function holdRejectedInQuarantine(db: Db, at: string): Promise<Package[]> {
  const run = async (trx: Transaction<Database>): Promise<Package[]> => {
    const out: Package[] = [];
    for (const s of await strayed(trx)) {
      const before = await trx.selectFrom("packages").selectAll().where("label", "=", s.label).executeTakeFirstOrThrow();
      await trx.updateTable("packages").set({ status: "quarantine", location: QUARANTINE, updated_at: at }).where("label", "=", s.label).execute();
      await appendAuditIn(trx, {
        at, actor: "system", action: "receiving.quarantine.kept", subject: `package ${s.label}`,
        detail: { manifestNumber: s.manifestNumber, statusFromStateSystem: before.status, locationBefore: before.location },
      });
      if (isMetrcTag(s.label)) out.push({ ...packageFromRow(before), status: "quarantine", location: QUARANTINE });
    }
    return out;
  };
  return inTransaction(db, run);
}
