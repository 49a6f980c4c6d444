/**
 * Opening cases from variances: one case per package and class while it is open. A variance of a
 * package and class with an open case joins it; the same variance reported again (the same run or
 * count, package and class) changes nothing and answers its case. All of one call is one
 * transaction, with an audit entry per case opened or joined.
 *
 *   variance ─▶ open case (site, label, class)? ─ yes ─▶ already recorded? ─ yes ─▶ {caseId, joined}
 *                     │ no                                   │ no
 *                     ▼                                      ▼
 *              new case + variance ("investigation.open")   variance ("investigation.join")
 */
import { newId } from "#contract/ids.js";
import { VARIANCE_CLASSES, type Variance } from "#hub/modules.js";
import { localDate } from "#contract/facility-time.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { auditCase } from "./cases.js";
import type { InvCasesTable } from "./tables.js";

const CLASSES = new Set<string>(VARIANCE_CLASSES);

export interface OpenDeps {
  db: Db;
  sites: SiteDirectory;
  /** How long a case may stay open before it is escalated, ms. */
  deadlineMs: number;
  nowMs: number;
}

/** Why a variance cannot open a case (from another module: a defect there, named plainly). */
function problemOf(v: Variance, sites: SiteDirectory): string | undefined {
  if (!sites.get(v.site)) return `site "${v.site}" is not served by this hub`;
  if (!CLASSES.has(v.class)) return `"${String(v.class)}" is not a discrepancy class`;
  if (!v.label) return "a variance names its package";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.businessDay)) return `business day "${v.businessDay}" is not YYYY-MM-DD`;
  if (!v.source?.ref) return "a variance names the run or count that found it";
  return undefined;
}

async function openCaseOf(db: Db, v: Variance) {
  return db
    .selectFrom("inv_cases")
    .selectAll()
    .where("site_id", "=", v.site)
    .where("label", "=", v.label)
    .where("class", "=", v.class)
    .where("status", "=", "open")
    .executeTakeFirst();
}

async function recordedVariance(db: Db, v: Variance) {
  return db
    .selectFrom("inv_variances")
    .select("case_id")
    .where("site_id", "=", v.site)
    .where("source_kind", "=", v.source.kind)
    .where("source_ref", "=", v.source.ref)
    .where("label", "=", v.label)
    .where("class", "=", v.class)
    .executeTakeFirst();
}

async function addVariance(db: Db, caseId: string, v: Variance, by: string, at: string): Promise<void> {
  await db
    .insertInto("inv_variances")
    .values({
      id: newId(),
      case_id: caseId,
      site_id: v.site,
      label: v.label,
      class: v.class,
      business_day: v.businessDay,
      pos: v.pos,
      state: v.state,
      ledger: v.ledger,
      physical: v.physical,
      fix: v.fix,
      source_kind: v.source.kind,
      source_ref: v.source.ref,
      added_by: by,
      added_at: at,
    })
    .execute();
}

const figures = (v: Variance) => ({
  businessDay: v.businessDay,
  pos: v.pos,
  state: v.state,
  ledger: v.ledger,
  physical: v.physical,
  source: v.source,
});

async function openOne(deps: OpenDeps, trx: Db, v: Variance, by: string): Promise<{ caseId: string; joined: boolean }> {
  const at = new Date(deps.nowMs).toISOString();
  const open = await openCaseOf(trx, v);
  if (open) {
    const known = await recordedVariance(trx, v);
    if (known) return { caseId: known.case_id, joined: true };
    await addVariance(trx, open.id, v, by, at);
    await trx.updateTable("inv_cases").set({ updated_at: at }).where("id", "=", open.id).execute();
    await auditCase(trx, open, { actor: by, action: "investigation.join", at, detail: figures(v) });
    return { caseId: open.id, joined: true };
  }
  const row: InvCasesTable = {
    id: newId(),
    site_id: v.site,
    label: v.label,
    class: v.class,
    business_day: v.businessDay,
    status: "open",
    opened_at: at,
    opened_by: by,
    opened_day: localDate(at, deps.sites.get(v.site)!.timeZone),
    deadline_at: new Date(deps.nowMs + deps.deadlineMs).toISOString(),
    assignee: null,
    root_cause: null,
    closed_at: null,
    closed_by: null,
    closed_day: null,
    updated_at: at,
  };
  await trx.insertInto("inv_cases").values(row).execute();
  await addVariance(trx, row.id, v, by, at);
  await auditCase(trx, row, { actor: by, action: "investigation.open", at, detail: { ...figures(v), fix: v.fix } });
  return { caseId: row.id, joined: false };
}

/** Opens or joins a case for each variance, in order, in one transaction; refuses the whole call on a bad variance. */
export async function openCases(
  deps: OpenDeps,
  variances: readonly Variance[],
  by: string,
): Promise<{ caseId: string; joined: boolean }[]> {
  for (const [i, v] of variances.entries()) {
    const problem = problemOf(v, deps.sites);
    if (problem) throw new Error(`variance ${i + 1} (${v.label || "no label"}): ${problem}`);
  }
  if (variances.length === 0) return [];
  return inTransaction(deps.db, async (trx) => {
    const out: { caseId: string; joined: boolean }[] = [];
    for (const v of variances) out.push(await openOne(deps, trx, v, by));
    return out;
  });
}
