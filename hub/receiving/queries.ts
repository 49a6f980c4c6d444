/**
 * Read models for the receiving pages and `GET /api/receiving[/:manifest]`: each manifest with its
 * progress at the vault, each line with the vault's decision next to METRC's record, and the flags.
 */
import { labStateOf } from "./lab.js";
import { labRowsByLabel, transferViews, type TransferView } from "./manifests.js";
import type { ReceivingFlagsTable, ReceivingLinesTable, ReceivingManifestsTable } from "./tables.js";
import type { Db } from "#hub/store/database.js";

/** Where a manifest stands: offered and untouched, being verified, or finished at the vault. */
export type ManifestStage = "open" | "in-progress" | "completed" | "rejected";

export interface ManifestSummary {
  /** The site receiving it. */
  site: string;
  manifestNumber: string;
  shipperName: string;
  /** As the state system gave it. */
  estimatedArrival: string | null;
  stage: ManifestStage;
  /** Packages on the manifest and how many the vault decided. */
  total: number;
  decided: number;
  accepted: number;
  rejected: number;
  stationId: string | null;
  completedAt: string | null;
  openFlags: number;
}

export interface Flag {
  label: string;
  kind: string;
  detail: string;
  flaggedAt: string;
  clearedAt: string | null;
}

export interface LineDetail {
  position: number;
  label: string;
  itemName: string;
  shippedQuantity: number;
  shippedUnit: string;
  labState: string;
  vault: {
    decision: string;
    receivedQuantity: number;
    unit: string;
    reason: string | null;
    note: string | null;
    grossGrams: number | null;
    netGrams: number | null;
    location: string;
    employeeId: string | null;
    decidedAt: string;
  } | null;
  stateSystem: { state: string; receivedQuantity: number | null; receivedUnit: string | null };
  flags: string[];
}

export interface ManifestDetail extends ManifestSummary {
  shipperLicense: string;
  receivingId: string | null;
  employeeId: string | null;
  startedAt: string | null;
  rejectReason: string | null;
  lines: LineDetail[];
  /** Scanned at the vault but not on the manifest (quarantined). */
  unexpected: Array<{ label: string; location: string; receivedQuantity: number; unit: string; decidedAt: string }>;
  flags: Flag[];
}

function vaultOf(l: ReceivingLinesTable): NonNullable<LineDetail["vault"]> {
  return {
    decision: l.decision,
    receivedQuantity: Number(l.received_quantity),
    unit: l.unit,
    reason: l.reason,
    note: l.note,
    grossGrams: l.gross_grams === null ? null : Number(l.gross_grams),
    netGrams: l.net_grams === null ? null : Number(l.net_grams),
    location: l.location,
    employeeId: l.employee_id,
    decidedAt: l.decided_at,
  };
}

function flagOf(f: ReceivingFlagsTable): Flag {
  return { label: f.label, kind: f.kind, detail: f.detail, flaggedAt: f.flagged_at, clearedAt: f.cleared_at };
}

function summarize(
  site: string,
  v: TransferView,
  m: ReceivingManifestsTable | undefined,
  lines: ReceivingLinesTable[],
  openFlags: number,
): ManifestSummary {
  const onManifest = lines.filter((l) => Number(l.unexpected) === 0 && v.packages.some((p) => p.label === l.label));
  // A manifest refused whole is rejected package by package in METRC, as its checklist says.
  const refused = m?.status === "rejected";
  const accepted = refused ? 0 : onManifest.filter((l) => l.decision !== "reject").length;
  return {
    site,
    manifestNumber: v.manifestNumber,
    shipperName: v.shipperName,
    estimatedArrival: v.estimatedArrival,
    stage: m?.status ?? "open",
    total: v.packages.length,
    decided: refused ? v.packages.length : onManifest.length,
    accepted,
    rejected: refused ? v.packages.length : onManifest.length - accepted,
    stationId: m?.station_id ?? null,
    completedAt: m?.completed_at ?? null,
    openFlags,
  };
}

/** How many manifests the vault worked on are listed, newest first. */
export const RECENT_MANIFESTS = 100;

/** One site's manifests to receive and the ones its vault worked on recently. */
async function siteManifests(db: Db, site: string): Promise<ManifestSummary[]> {
  const recent = await db
    .selectFrom("receiving_manifests")
    .selectAll()
    .where("site_id", "=", site)
    .orderBy("updated_at", "desc")
    .limit(RECENT_MANIFESTS)
    .execute();
  const ms = new Map(recent.map((m) => [m.manifest_number, m]));
  const open = await transferViews(db, site, { open: true });
  const worked = await transferViews(db, site, {
    manifestNumbers: recent.map((m) => m.manifest_number).filter((n) => !open.some((v) => v.manifestNumber === n)),
  });
  const views = [...open, ...worked.filter((v) => !v.voided)];
  const numbers = views.map((v) => v.manifestNumber);
  const lines =
    numbers.length === 0
      ? []
      : await db
          .selectFrom("receiving_lines")
          .selectAll()
          .where("site_id", "=", site)
          .where("manifest_number", "in", numbers)
          .execute();
  const flags =
    numbers.length === 0
      ? []
      : await db
          .selectFrom("receiving_flags")
          .select(["manifest_number"])
          .where("site_id", "=", site)
          .where("cleared_at", "is", null)
          .where("manifest_number", "in", numbers)
          .execute();
  return views.map((v) =>
    summarize(
      site,
      v,
      ms.get(v.manifestNumber),
      lines.filter((l) => l.manifest_number === v.manifestNumber),
      flags.filter((f) => f.manifest_number === v.manifestNumber).length,
    ),
  );
}

/**
 * The manifests still to receive at `sites`, and the ones their vaults worked on most recently
 * (up to RECENT_MANIFESTS per site), with their stage and progress; site by site, newest
 * state-system change first.
 */
export async function listManifests(db: Db, sites: readonly string[]): Promise<ManifestSummary[]> {
  const out: ManifestSummary[] = [];
  for (const site of sites) out.push(...(await siteManifests(db, site)));
  return out;
}

/** The sites among `sites` whose state system or vault knows manifest `manifestNumber`, in the order given. */
export async function sitesWithManifest(db: Db, sites: readonly string[], manifestNumber: string): Promise<string[]> {
  if (sites.length === 0) return [];
  const synced = await db
    .selectFrom("ss_transfers")
    .select("site_id")
    .where("manifest_number", "=", manifestNumber)
    .where("site_id", "in", [...sites])
    .execute();
  const worked = await db
    .selectFrom("receiving_manifests")
    .select("site_id")
    .where("manifest_number", "=", manifestNumber)
    .where("site_id", "in", [...sites])
    .execute();
  const found = new Set([...synced, ...worked].map((r) => r.site_id));
  return sites.filter((s) => found.has(s));
}

/** One manifest of `site` in full, or null when neither its state system nor its vault knows it. */
/** One manifest of `site` as the state system sent it (`view`), as the vault received it (`manifest`) and its decided lines. */
export async function manifestRecords(
  db: Db,
  site: string,
  manifestNumber: string,
): Promise<{
  view: TransferView | undefined;
  manifest: ReceivingManifestsTable | undefined;
  lines: ReceivingLinesTable[];
}> {
  const view = (await transferViews(db, site, { manifestNumbers: [manifestNumber] }))[0];
  const manifest = await db
    .selectFrom("receiving_manifests")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", manifestNumber)
    .executeTakeFirst();
  const lines = await db
    .selectFrom("receiving_lines")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", manifestNumber)
    .execute();
  return { view, manifest, lines };
}

export async function manifestDetail(db: Db, site: string, manifestNumber: string): Promise<ManifestDetail | null> {
  const { view, manifest: m, lines } = await manifestRecords(db, site, manifestNumber);
  if (!view && !m) return null;
  const v: TransferView = view ?? {
    manifestNumber,
    shipperName: "",
    shipperLicense: "",
    estimatedArrival: null,
    voided: false,
    packages: [],
  };
  const flagRows = await db
    .selectFrom("receiving_flags")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", manifestNumber)
    .orderBy("flagged_at")
    .execute();
  const labs = await labRowsByLabel(
    db,
    site,
    v.packages.map((p) => p.label),
  );
  const open = flagRows.filter((f) => f.cleared_at === null);
  const onManifest = new Set(v.packages.map((p) => p.label));
  return {
    ...summarize(site, v, m, lines, open.length),
    shipperLicense: v.shipperLicense,
    receivingId: m?.receiving_id ?? null,
    employeeId: m?.employee_id ?? null,
    startedAt: m?.started_at ?? null,
    rejectReason: m?.reject_reason ?? null,
    lines: v.packages.map((p, i) => {
      const line = lines.find((l) => l.label === p.label && Number(l.unexpected) === 0);
      return {
        position: i + 1,
        label: p.label,
        itemName: p.itemName,
        shippedQuantity: p.shippedQuantity,
        shippedUnit: p.shippedUnit,
        labState: labStateOf(labs.get(p.label) ?? []),
        vault: line ? vaultOf(line) : null,
        stateSystem: { state: p.state, receivedQuantity: p.receivedQuantity, receivedUnit: p.receivedUnit },
        flags: open.filter((f) => f.label === p.label).map((f) => f.kind),
      };
    }),
    unexpected: lines
      .filter((l) => Number(l.unexpected) === 1 || !onManifest.has(l.label))
      .map((l) => ({
        label: l.label,
        location: l.location,
        receivedQuantity: Number(l.received_quantity),
        unit: l.unit,
        decidedAt: l.decided_at,
      })),
    flags: flagRows.map(flagOf),
  };
}
