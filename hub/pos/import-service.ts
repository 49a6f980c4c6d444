/**
 * One import, all or nothing:
 *
 *   file ─▶ parser (pure) ─▶ bad rows? ─▶ refused, nothing written
 *        ─▶ units of tagged lines from the ledger's packages, SKU-only lines attributed FIFO
 *        ─▶ one transaction: lines already stored compared (same → already imported; voided
 *           since → the void lands; different → refused), new lines inserted, the import
 *           recorded with its audit entry
 *
 * Idempotent on (source, receipt id, line id): the same file, or the same lines in another file,
 * changes nothing the second time.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "#hub/clock.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { withRetry } from "#hub/store/transaction.js";
import type { Database } from "#hub/store/database.js";
import { attributeBySku } from "./attribution.js";
import { compareLine } from "./compare.js";
import { mappedSource, type ColumnMapping } from "./mapping.js";
import { packageUnits, packagesBySku } from "./package-reads.js";
import { parseSalesFile } from "./parsers/index.js";
import type { DraftLine, PosFormat, RowError, SaleLine } from "./sale-line.js";
import { findMapping, insertImport, insertSaleRows, lineKey, markVoided, saleRow, storedLines } from "./store.js";
import type { Db } from "#hub/store/database.js";

export interface ImportDeps {
  db: Kysely<Database>;
  /** The site's time zone: business days and local times in exports. */
  timeZone: string;
  /** The ledger site whose packages give units and FIFO attribution (config.ts `posSiteOf`). */
  ledgerSite: string;
  clock: Pick<Clock, "now">;
}

export interface ImportRequest {
  format: PosFormat;
  /** A saved column mapping's name (CSV only). */
  mapping?: string | undefined;
  site: string;
  /** The file's name, as reported back. */
  file: string;
  text: string;
  /** Who imports (employee id, or `cli`), for the audit trail. */
  actor: string;
}

/** The import report: the public contract of `pos import` and `POST /api/pos/imports`. */
export interface ImportReport {
  file: string;
  format: PosFormat;
  rows: number;
  imported: number;
  alreadyImported: number;
  errors: RowError[];
}

/** True when the file landed (or was already in). */
export function landed(report: ImportReport): boolean {
  return report.errors.length === 0;
}

function duplicateRows(lines: readonly DraftLine[]): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const l of lines) {
    const key = lineKey(l.receiptId, l.lineId);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, l.row);
    else errors.push({ row: l.row, reason: `receipt ${l.receiptId} line ${l.lineId} is also on row ${seen}` });
  }
  return errors;
}

/** Units from the packages (else whole numbers are pieces, fractions grams), then FIFO by SKU. */
async function finishLines(db: Db, site: string, drafts: readonly DraftLine[]): Promise<SaleLine[]> {
  const unitless = drafts.filter((l) => l.unit === null && l.packageLabel !== null).map((l) => l.packageLabel!);
  const units = unitless.length ? await packageUnits(db, site, unitless) : new Map();
  const skuOnly = drafts.filter((l) => l.packageLabel === null && l.sku !== null).map((l) => l.sku!);
  const attributed = skuOnly.length ? attributeBySku(drafts, await packagesBySku(db, site, skuOnly)) : [...drafts];
  return attributed.map((l) => ({
    ...l,
    unit:
      l.unit ??
      (l.packageLabel ? units.get(l.packageLabel) : undefined) ??
      (Number.isInteger(l.quantity) ? "Each" : "Grams"),
  }));
}

async function resolveMapping(db: Db, req: ImportRequest): Promise<ColumnMapping | RowError | undefined> {
  if (req.mapping === undefined) return undefined;
  if (req.format !== "csv") return { row: 0, reason: `a column mapping applies to CSV files, not to ${req.format}` };
  return (
    (await findMapping(db, req.mapping)) ?? { row: 0, reason: `no saved column mapping is named "${req.mapping}"` }
  );
}

interface Plan {
  fresh: SaleLine[];
  voidedNow: SaleLine[];
  already: number;
  errors: RowError[];
}

async function plan(db: Db, source: string, site: string, lines: readonly SaleLine[]): Promise<Plan> {
  const stored = await storedLines(db, source, lines);
  const p: Plan = { fresh: [], voidedNow: [], already: 0, errors: [] };
  for (const line of lines) {
    const before = stored.get(lineKey(line.receiptId, line.lineId));
    if (!before) {
      p.fresh.push(line);
      continue;
    }
    const c = compareLine(line, before, site);
    if (c.kind === "differs") p.errors.push({ row: line.row, reason: c.reason });
    else if (c.kind === "voided-now") p.voidedNow.push(line);
    else p.already += 1;
  }
  return p;
}

/** Imports one file; resolves to its report (errors non-empty: refused, nothing written). */
export async function importSales(deps: ImportDeps, req: ImportRequest): Promise<ImportReport> {
  const db = deps.db;
  const report = (rows: number, errors: RowError[], imported = 0, alreadyImported = 0): ImportReport => ({
    file: req.file,
    format: req.format,
    rows,
    imported,
    alreadyImported,
    errors,
  });
  const mapping = await resolveMapping(db, req);
  if (mapping && "reason" in mapping) return report(0, [mapping]);
  const parsed = parseSalesFile(req.format, req.text, { timeZone: deps.timeZone, mapping });
  const errors = [...parsed.errors, ...duplicateRows(parsed.lines)].sort((a, b) => a.row - b.row);
  if (errors.length > 0) return report(parsed.rows, errors);
  const lines = await finishLines(db, deps.ledgerSite, parsed.lines);
  const source = mapping ? mappedSource(mapping) : req.format;
  return withRetry(() =>
    db.transaction().execute(async (trx) => {
      const p = await plan(trx, source, req.site, lines);
      if (p.errors.length > 0) return report(parsed.rows, p.errors);
      const imported = p.fresh.length + p.voidedNow.length;
      if (imported > 0)
        await land(trx, {
          req,
          source,
          mapping,
          rows: parsed.rows,
          plan: p,
          at: new Date(deps.clock.now()).toISOString(),
        });
      return report(parsed.rows, [], imported, p.already);
    }),
  );
}

async function land(
  trx: Db,
  x: { req: ImportRequest; source: string; mapping: ColumnMapping | undefined; rows: number; plan: Plan; at: string },
): Promise<void> {
  const { req, plan: p } = x;
  const importId = randomUUID();
  await insertSaleRows(
    trx,
    p.fresh.map((l) => saleRow(l, { source: x.source, site: req.site, importId })),
  );
  await markVoided(trx, x.source, p.voidedNow, importId);
  const imported = p.fresh.length + p.voidedNow.length;
  const sha = createHash("sha256").update(req.text).digest("hex");
  await insertImport(trx, {
    id: importId,
    site_id: req.site,
    file: req.file,
    format: req.format,
    mapping: x.mapping?.name ?? null,
    rows: x.rows,
    imported,
    already_imported: p.already,
    file_sha256: sha,
    actor: req.actor,
    imported_at: x.at,
  });
  await appendAuditIn(trx, {
    actor: req.actor,
    action: "pos.import",
    subject: req.file,
    at: x.at,
    detail: {
      importId,
      site: req.site,
      format: req.format,
      mapping: x.mapping?.name ?? null,
      rows: x.rows,
      imported,
      voidsApplied: p.voidedNow.length,
      alreadyImported: p.already,
      sha256: sha,
    },
  });
}
