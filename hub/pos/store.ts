/** Reads and writes of the POS tables: sale lines by key, imports, saved column mappings. */
import type { Selectable } from "kysely";
import { ColumnMappingSchema, type ColumnMapping } from "./mapping.js";
import type { SaleLine } from "./sale-line.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import type { PosImportsTable, PosSalesTable } from "./tables.js";

const CHUNK = 300;

/** Key of a sale line: the same line from another file of the same source lands once. */
export function lineKey(receiptId: string, lineId: string): string {
  return `${receiptId}\u0000${lineId}`;
}

export type StoredLine = Selectable<PosSalesTable>;

/** Stored lines of `source` among `lines`' receipts, by lineKey. */
export async function storedLines(
  db: Db,
  source: string,
  lines: readonly Pick<SaleLine, "receiptId">[],
): Promise<Map<string, StoredLine>> {
  const receipts = [...new Set(lines.map((l) => l.receiptId))];
  const found = new Map<string, StoredLine>();
  for (let i = 0; i < receipts.length; i += CHUNK) {
    const rows = await db
      .selectFrom("pos_sales")
      .selectAll()
      .where("source", "=", source)
      .where("receipt_id", "in", receipts.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.set(lineKey(r.receipt_id, r.line_id), r);
  }
  return found;
}

/** The table row of a sale line landed by `importId`. */
export function saleRow(line: SaleLine, ctx: { source: string; site: string; importId: string }): PosSalesTable {
  return {
    source: ctx.source,
    receipt_id: line.receiptId,
    line_id: line.lineId,
    site_id: ctx.site,
    completed_at: line.completedAt,
    business_day: line.businessDay,
    package_label: line.packageLabel,
    sku: line.sku,
    quantity: line.quantity,
    unit: line.unit,
    total: line.total,
    voided: line.voided ? 1 : 0,
    return_of: line.returnOf ?? null,
    attributed: line.attributed ? 1 : 0,
    import_id: ctx.importId,
    row_number: line.row,
  };
}

export async function insertSaleRows(db: Db, rows: readonly PosSalesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("pos_sales")
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Marks stored lines voided (a void reported after the sale was imported). */
export async function markVoided(
  db: Db,
  source: string,
  keys: readonly { receiptId: string; lineId: string }[],
  importId: string,
): Promise<void> {
  for (const k of keys) {
    await db
      .updateTable("pos_sales")
      .set({ voided: 1, import_id: importId })
      .where("source", "=", source)
      .where("receipt_id", "=", k.receiptId)
      .where("line_id", "=", k.lineId)
      .execute();
  }
}

export async function insertImport(db: Db, row: PosImportsTable): Promise<void> {
  await db.insertInto("pos_imports").values(row).execute();
}

/** Saves (or replaces) a mapping under its name. */
export async function saveMapping(db: Db, mapping: ColumnMapping, by: string, at: string): Promise<void> {
  const row = { name: mapping.name, definition: JSON.stringify(mapping), updated_at: at, updated_by: by };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("pos_mappings")
      .values(row)
      .onConflict((oc) => oc.column("name").doUpdateSet({ definition: row.definition, updated_at: at, updated_by: by }))
      .execute();
    await appendAuditIn(trx, {
      actor: by,
      action: "pos.mapping.saved",
      subject: mapping.name,
      at,
      detail: { mapping },
    });
  });
}

export async function findMapping(db: Db, name: string): Promise<ColumnMapping | undefined> {
  const row = await db.selectFrom("pos_mappings").select("definition").where("name", "=", name).executeTakeFirst();
  return row ? ColumnMappingSchema.parse(JSON.parse(row.definition)) : undefined;
}

/** Every saved mapping, by name. */
export async function listMappings(db: Db): Promise<Array<ColumnMapping & { updatedAt: string; updatedBy: string }>> {
  const rows = await db.selectFrom("pos_mappings").selectAll().orderBy("name").execute();
  return rows.map((r) => ({
    ...ColumnMappingSchema.parse(JSON.parse(r.definition)),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

/** Deletes a mapping; `by` is who, for the audit trail. False when there was none of that name. */
export async function deleteMapping(db: Db, name: string, by: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const res = await trx.deleteFrom("pos_mappings").where("name", "=", name).executeTakeFirst();
    const gone = Number(res.numDeletedRows) > 0;
    if (gone) await appendAuditIn(trx, { actor: by, action: "pos.mapping.deleted", subject: name });
    return gone;
  });
}
