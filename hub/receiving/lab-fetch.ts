/**
 * Lab results of incoming packages. The state-system sync reads lab results for the facility's own
 * packages; a package on an incoming transfer is not one yet, so receiving reads its results
 * (and the COA document id) itself, once per package, before the manifest is offered.
 */
import type { Logger } from "pino";
import type { StateSystem } from "#hub/statesystem/index.js";
import type { Clock } from "#hub/clock.js";
import type { Db } from "#hub/store/database.js";

/** What reading lab results needs from the state system. */
export type LabSource = Pick<StateSystem, "labResults">;

/** Most packages read per pass (one request each); the rest wait for the next pass. */
const PER_PASS = 200;

/** Shipped packages of `site`'s open transfers whose lab results were never read, or whose read failed. */
async function packagesToCheck(
  db: Db,
  site: string,
  limit: number,
): Promise<Array<{ label: string; stateId: string }>> {
  const rows = await db
    .selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.site_id", "=", "p.site_id").onRef("d.state_id", "=", "p.delivery_id"),
    )
    .innerJoin("ss_transfers as t", (j) =>
      j.onRef("t.site_id", "=", "d.site_id").onRef("t.state_id", "=", "d.transfer_id"),
    )
    .leftJoin("receiving_lab_checks as c", (j) =>
      j.onRef("c.site_id", "=", "p.site_id").onRef("c.label", "=", "p.label"),
    )
    .select(["p.label", "p.package_state_id"])
    .where("p.site_id", "=", site)
    .where("t.voided", "=", 0)
    .where("p.state", "=", "Shipped")
    .where((eb) => eb.or([eb("c.label", "is", null), eb("c.error", "is not", null)]))
    .orderBy("p.label")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ label: r.label, stateId: r.package_state_id }));
}

/** Reads (from `site`'s state system) and stores lab results of its incoming packages; returns how many packages were read. */
export async function fetchIncomingLabResults(deps: {
  db: Db;
  site: string;
  source: LabSource;
  clock: Pick<Clock, "now">;
  log: Logger;
}): Promise<number> {
  const { site } = deps;
  const todo = await packagesToCheck(deps.db, site, PER_PASS);
  let read = 0;
  for (const p of todo) {
    const at = new Date(deps.clock.now()).toISOString();
    try {
      const results = await deps.source.labResults(p.stateId, p.label);
      await deps.db.transaction().execute(async (trx) => {
        for (const r of results) {
          const row = {
            site_id: site,
            result_id: r.resultId,
            label: p.label,
            test_type: r.testType,
            test_passed: r.testPassed ? 1 : 0,
            overall_passed: r.overallPassed ? 1 : 0,
            performed_date: r.performedDate,
            level: r.level,
            document_file_id: r.documentFileId,
          };
          await trx
            .insertInto("receiving_lab_results")
            .values(row)
            .onConflict((oc) =>
              oc.columns(["site_id", "result_id"]).doUpdateSet({ ...row, site_id: undefined, result_id: undefined }),
            )
            .execute();
        }
        await trx
          .insertInto("receiving_lab_checks")
          .values({ site_id: site, label: p.label, checked_at: at, error: null })
          .onConflict((oc) => oc.columns(["site_id", "label"]).doUpdateSet({ checked_at: at, error: null }))
          .execute();
      });
      read++;
    } catch (err) {
      const message = (err as Error).message;
      deps.log.warn(
        { site, label: p.label, err: message, code: "UPSTREAM_UNAVAILABLE" },
        "lab results of an incoming package not read; retried on the next pass",
      );
      await deps.db
        .insertInto("receiving_lab_checks")
        .values({ site_id: site, label: p.label, checked_at: at, error: message })
        .onConflict((oc) => oc.columns(["site_id", "label"]).doUpdateSet({ checked_at: at, error: message }))
        .execute();
      // One failure usually means the state system is unreachable: stop asking until the next pass.
      break;
    }
  }
  return read;
}
