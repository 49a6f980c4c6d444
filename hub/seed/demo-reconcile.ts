/**
 * The demo's reconciliation history: the state system synced (the simulator holds the true sales),
 * then the three business days before today reconciled through hub/reconcile, their differences
 * opened as cases through hub/investigations, the quantity mismatch's case with its root cause and
 * notes documented.
 */
import { systemClock } from "#hub/clock.js";
import { createInvestigationsService } from "#hub/investigations/service.js";
import { DEFAULT_INVESTIGATIONS_CONFIG } from "#hub/investigations/config.js";
import { silentLog } from "#hub/log.js";
import { reconcileDay } from "#hub/reconcile/service.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { StateSystem } from "#hub/statesystem/port.js";
import { runSync } from "#hub/statesystem/sync.js";
import type { DemoFaults } from "./demo-faults.js";
import type { Kysely } from "kysely";
import type { Database } from "#hub/store/database.js";
import type { DemoStore } from "./demo-store.js";

/** What the reconciliation step needs beyond the other steps: the state system to sync and the sites. */
export interface DemoReconcileDeps {
  stateSystem: StateSystem;
  sites: SiteDirectory;
}

/** The demo history's context (demo-steps.ts DemoStepContext). */
interface DemoDays {
  db: Kysely<Database>;
  site: string;
  timeZone: string;
  store: DemoStore;
  now?: number | undefined;
}

const coordinator = (ctx: DemoDays) => ctx.store.employees.find((e) => e.role === "coordinator")?.id ?? "demo";

/** Syncs, reconciles `faults.days` as their mornings' runs, documents the quantity mismatch's case. */
export async function reconcileDemoDays(ctx: DemoDays, deps: DemoReconcileDeps, faults: DemoFaults) {
  const nowMs = ctx.now ?? Date.now();
  const clock = { ...systemClock, now: () => nowMs };
  const sync = await runSync({ db: ctx.db, site: ctx.site, stateSystem: deps.stateSystem, clock, log: silentLog() });
  if (!sync.ok)
    throw new Error(`demo state-system sync failed: ${JSON.stringify(sync.entities.filter((e) => e.error))}`);
  const by = coordinator(ctx);
  const found: Array<{ day: string; caseIds: (string | null)[]; classes: string[]; labels: string[] }> = [];
  for (const day of faults.days) {
    // The audit trail's entries are appended in time order (its export verifies the chain over a range): the runs
    // are stored now, after the POS import, not back-dated to each day's morning.
    const at = clock;
    const investigations = createInvestigationsService({
      db: ctx.db,
      log: silentLog(),
      clock: at,
      sites: deps.sites,
      config: DEFAULT_INVESTIGATIONS_CONFIG,
    });
    const { report, caseIds } = await reconcileDay(
      { db: ctx.db, log: silentLog(), clock: at, investigations },
      { site: ctx.site, timeZone: ctx.timeZone, day, trigger: "schedule", actor: "schedule" },
    );
    found.push({ day, caseIds, classes: report.lines.map((l) => l.class), labels: report.lines.map((l) => l.label) });
    if (day === faults.overSold.day) await documentOverSold(investigations, report.lines, caseIds, by, faults);
  }
  return found;
}

async function documentOverSold(
  investigations: ReturnType<typeof createInvestigationsService>,
  lines: ReadonlyArray<{ label: string; class: string }>,
  caseIds: (string | null)[],
  by: string,
  faults: DemoFaults,
): Promise<void> {
  const i = lines.findIndex((l) => l.label === faults.overSold.label && l.class === "quantity-mismatch");
  const id = i >= 0 ? caseIds[i] : null;
  if (!id) return;
  await investigations.note(id, "POS receipt shows one unit more than the state system's record of the same sale.", by);
  await investigations.note(id, "Budtender keyed the quantity twice at the register; the customer received one.", by);
  await investigations.rootCause(id, "data-entry", by);
}
