/**
 * The end-of-day report of one site and business day: what the manager reads at close.
 *
 *   pos_sales (business_day)            ─▶ sales: units, grams, value, by category
 *   receiving_manifests / _lines        ─▶ receiving: manifests finished, packages accepted and rejected
 *   investigations.daySummary           ─▶ variances opened, resolved, open, escalated (zero without the module)
 *   counts.daySummary                   ─▶ cycle counts (zero, "no counts recorded", without the module)
 *   events (type door, the day's bounds) ─▶ door sessions, held-open alarms, openings with nobody signed in
 *   ss_submissions                      ─▶ state-system writes queued that day, pending and failed now
 */
import type { CountsService, InvestigationsService } from "#hub/modules.js";
import type { Db } from "#hub/store/database.js";
import { dayBounds } from "#contract/facility-time.js";
import { daySales, type SalesSection } from "./day-sales.js";

export interface ReceivingSection {
  /** Manifests finished at the vault that day (completed or refused whole). */
  manifests: number;
  /** Of those, refused whole. */
  manifestsRejected: number;
  packagesAccepted: number;
  packagesRejected: number;
  /** Scanned at the vault but not on the manifest. */
  packagesUnexpected: number;
}

export interface VariancesSection {
  /** False when no investigations module runs here (the figures are then zero). */
  recorded: boolean;
  opened: number;
  resolved: number;
  open: number;
  escalated: number;
}

export interface CountsSection {
  /** False when no counts were recorded (no counts module, or none that day). */
  recorded: boolean;
  sessions: number;
  linesCounted: number;
  linesOutOfTolerance: number;
  /** Inventory record accuracy, 0–1 (1 when nothing was counted). */
  accuracy: number;
}

export interface DoorSection {
  /** Door sessions opened that day. */
  sessions: number;
  /** Held-open alarms raised. */
  alarms: number;
  /** Openings with nobody signed in at the station. */
  openedWithoutSignIn: number;
}

export interface StateSystemSection {
  /** Writes queued that day. */
  queued: number;
  /** Of those, confirmed by the state system. */
  confirmed: number;
  /** Writes of the site waiting (pending or sent) when the report was built. */
  pending: number;
  /** Writes of the site failed and not yet resolved when the report was built. */
  failed: number;
  /** When the report was built (ISO instant): pending and failed are as of then. */
  asOf: string;
}

/** `GET /api/reports/end-of-day` and the kept file of a day: exactly these keys. */
export interface EndOfDay {
  date: string;
  site: string;
  sales: SalesSection;
  receiving: ReceivingSection;
  variances: VariancesSection;
  counts: CountsSection;
  door: DoorSection;
  stateSystem: StateSystemSection;
}

export interface EndOfDayDeps {
  db: Db;
  counts?: CountsService | undefined;
  investigations?: InvestigationsService | undefined;
  nowMs: number;
  /** The `site_id` station events of a site carry (SiteDirectory.envelopeFilter); undefined: every station's. */
  envelopeSite?: ((site: string) => string | undefined) | undefined;
}

async function receivingOf(db: Db, site: string, from: string, to: string): Promise<ReceivingSection> {
  const manifests = await db
    .selectFrom("receiving_manifests")
    .select(["manifest_number", "status"])
    .where("site_id", "=", site)
    .where("status", "in", ["completed", "rejected"])
    .where("completed_at", ">=", from)
    .where("completed_at", "<", to)
    .execute();
  const numbers = manifests.map((m) => m.manifest_number);
  const lines = numbers.length
    ? await db
        .selectFrom("receiving_lines")
        .select(["manifest_number", "decision", "unexpected"])
        .where("site_id", "=", site)
        .where("manifest_number", "in", numbers)
        .execute()
    : [];
  const refused = new Set(manifests.filter((m) => m.status === "rejected").map((m) => m.manifest_number));
  // A manifest refused whole counts as all rejected, as its checklist does.
  const expected = lines.filter((l) => Number(l.unexpected) === 0);
  const accepted = expected.filter((l) => l.decision !== "reject" && !refused.has(l.manifest_number)).length;
  return {
    manifests: manifests.length,
    manifestsRejected: refused.size,
    packagesAccepted: accepted,
    packagesRejected: expected.length - accepted,
    packagesUnexpected: lines.length - expected.length,
  };
}

async function doorOf(db: Db, envelopeSite: string | undefined, from: string, to: string): Promise<DoorSection> {
  let q = db
    .selectFrom("events")
    .select(["payload", "employee_id"])
    .where("type", "=", "door")
    .where("at", ">=", from)
    .where("at", "<", to);
  if (envelopeSite !== undefined) q = q.where("site_id", "=", envelopeSite);
  const rows = await q.execute();
  const sessions = new Set<string>();
  let alarms = 0;
  let unattended = 0;
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { open?: boolean; doorSessionId?: string; heldOpenAlarm?: boolean };
    if (p.heldOpenAlarm) alarms++;
    else if (p.open && p.doorSessionId && !sessions.has(p.doorSessionId)) {
      sessions.add(p.doorSessionId);
      if (!r.employee_id) unattended++;
    }
  }
  return { sessions: sessions.size, alarms, openedWithoutSignIn: unattended };
}

async function stateSystemOf(db: Db, site: string, from: string, to: string, asOf: string) {
  const rows = await db
    .selectFrom("ss_submissions")
    .select(["state", "created_at"])
    .where("site_id", "=", site)
    .where((eb) =>
      eb.or([
        eb("state", "in", ["pending", "sent", "failed"]),
        eb.and([eb("created_at", ">=", from), eb("created_at", "<", to)]),
      ]),
    )
    .execute();
  const today = rows.filter((r) => r.created_at >= from && r.created_at < to);
  return {
    queued: today.length,
    confirmed: today.filter((r) => r.state === "confirmed").length,
    pending: rows.filter((r) => r.state === "pending" || r.state === "sent").length,
    failed: rows.filter((r) => r.state === "failed").length,
    asOf,
  };
}

async function countsOf(counts: CountsService | undefined, site: string, day: string): Promise<CountsSection> {
  const s = counts ? await counts.daySummary(site, day) : undefined;
  if (!s || s.linesCounted === 0)
    return { recorded: false, sessions: s?.sessions ?? 0, linesCounted: 0, linesOutOfTolerance: 0, accuracy: 1 };
  return { recorded: true, ...s };
}

/** Builds the end-of-day report of `site` on business day `day` (YYYY-MM-DD) in `timeZone`. */
export async function buildEndOfDay(
  deps: EndOfDayDeps,
  site: string,
  day: string,
  timeZone: string,
): Promise<EndOfDay> {
  const { from, to } = dayBounds(day, timeZone);
  const v = deps.investigations ? await deps.investigations.daySummary(site, day) : undefined;
  return {
    date: day,
    site,
    sales: await daySales(deps.db, site, day),
    receiving: await receivingOf(deps.db, site, from, to),
    variances: v ? { recorded: true, ...v } : { recorded: false, opened: 0, resolved: 0, open: 0, escalated: 0 },
    counts: await countsOf(deps.counts, site, day),
    door: await doorOf(deps.db, deps.envelopeSite ? deps.envelopeSite(site) : site, from, to),
    stateSystem: await stateSystemOf(deps.db, site, from, to, new Date(deps.nowMs).toISOString()),
  };
}
