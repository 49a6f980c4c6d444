/**
 * Lead time and safety stock for reorder suggestions, kept per item or per vendor (the item's
 * brand) in `report_reorder_settings`; an item's own setting wins over its vendor's, and either
 * over the defaults (7 days' lead time, 3 days' safety stock).
 */
import { appendAuditIn } from "#hub/ledger/audit.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";

export interface ReorderPolicy {
  leadTimeDays: number;
  safetyDays: number;
}

export const DEFAULT_REORDER: ReorderPolicy = Object.freeze({ leadTimeDays: 7, safetyDays: 3 });

/** A function giving each item's policy at `site` (by item id, then brand). */
export async function reorderSettingsOf(
  db: Db,
  site: string,
): Promise<(itemId: string, brand: string | null) => ReorderPolicy> {
  const rows = await db.selectFrom("report_reorder_settings").selectAll().where("site_id", "=", site).execute();
  const key = (scope: string, ref: string) => `${scope}\u0000${ref}`;
  const byKey = new Map(
    rows.map((r) => [
      key(r.scope, r.ref),
      { leadTimeDays: Number(r.lead_time_days), safetyDays: Number(r.safety_days) },
    ]),
  );
  return (itemId, brand) =>
    byKey.get(key("item", itemId)) ?? (brand ? byKey.get(key("vendor", brand)) : undefined) ?? DEFAULT_REORDER;
}

export interface ReorderSetting extends ReorderPolicy {
  scope: "item" | "vendor";
  ref: string;
}

/** Sets one item's or vendor's policy at `site`, with its audit entry in the same transaction. */
export async function putReorderSetting(
  db: Db,
  site: string,
  s: ReorderSetting,
  by: string,
  at: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = {
      site_id: site,
      scope: s.scope,
      ref: s.ref,
      lead_time_days: s.leadTimeDays,
      safety_days: s.safetyDays,
      updated_at: at,
      updated_by: by,
    };
    await trx
      .insertInto("report_reorder_settings")
      .values(row)
      .onConflict((oc) => oc.columns(["site_id", "scope", "ref"]).doUpdateSet(row))
      .execute();
    await appendAuditIn(trx, {
      at,
      actor: by,
      action: "reports.reorder-setting",
      subject: `${s.scope} ${s.ref}`,
      detail: { site, leadTimeDays: s.leadTimeDays, safetyDays: s.safetyDays },
    });
  });
}

/** Every setting of `site`, items first. */
export async function listReorderSettings(db: Db, site: string): Promise<ReorderSetting[]> {
  const rows = await db
    .selectFrom("report_reorder_settings")
    .selectAll()
    .where("site_id", "=", site)
    .orderBy("scope", "desc")
    .orderBy("ref")
    .execute();
  return rows.map((r) => ({
    scope: r.scope,
    ref: r.ref,
    leadTimeDays: Number(r.lead_time_days),
    safetyDays: Number(r.safety_days),
  }));
}
