/**
 * The investigation tables (migrations/0600_investigations) as Kysely sees them; part of the hub's
 * Database (hub/store/database.ts). Times are ISO-8601 UTC text, flags 0/1, writes JSON text.
 *
 *   inv_cases ─┬─ inv_variances    (what opened or joined the case: reconciliation runs, counts)
 *              ├─ inv_notes        (notes and evidence references: camera and time)
 *              └─ inv_resolutions  (a corrected receipt or an adjustment, proposed → approved/refused → queued)
 */
/** Why a difference happened, as the coordinator documents it (exact strings). */
export const ROOT_CAUSES = ["data-entry", "mis-scan", "damage", "theft", "vendor", "integration", "unknown"] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** One investigation: one package and one discrepancy class while it is open. */
export interface InvCasesTable {
  id: string;
  site_id: string;
  label: string;
  /** The discrepancy class (hub/modules.ts VarianceClass; plain text here, as the database holds it). */
  class: string;
  /** Facility-local YYYY-MM-DD of the first variance. */
  business_day: string;
  status: "open" | "closed";
  opened_at: string;
  opened_by: string;
  /** Facility-local day it was opened and closed, for the end-of-day summary. */
  opened_day: string;
  /** Past this instant an open case is escalated. */
  deadline_at: string;
  /** Employee id of whoever works it. */
  assignee: string | null;
  root_cause: RootCause | null;
  closed_at: string | null;
  closed_by: string | null;
  closed_day: string | null;
  updated_at: string;
}

/** A difference as reconciliation or a count reported it, and the case it opened or joined. */
export interface InvVariancesTable {
  id: string;
  case_id: string;
  site_id: string;
  label: string;
  class: string;
  business_day: string;
  pos: number | null;
  state: number | null;
  ledger: number | null;
  physical: number | null;
  fix: string;
  source_kind: "reconciliation" | "count";
  source_ref: string;
  added_by: string;
  added_at: string;
}

/** A note, or an evidence reference (a camera and the time to look at). */
export interface InvNotesTable {
  id: string;
  case_id: string;
  kind: "note" | "evidence";
  text: string;
  camera: string | null;
  /** The moment on the camera's recording, ISO-8601 UTC. */
  evidence_at: string | null;
  by: string;
  at: string;
}

/** proposed (awaiting a manager) → approved → queued, or refused; below the threshold it is approved at once. */
export type ResolutionStatus = "proposed" | "refused" | "approved" | "queued";

/** A resolution: the state-system writes it makes and whether a manager approved them. */
export interface InvResolutionsTable {
  id: string;
  case_id: string;
  site_id: string;
  kind: "adjustment" | "receipt";
  /** The StateWrite list (AdjustmentWrite, or ReceiptVoidWrite and/or ReceiptWrite) as JSON, in queue order. */
  writes: string;
  /** Sum of the writes' absolute quantities, in the package's unit. */
  quantity: number;
  /** Its money value, dollars; null when no price is known. */
  value: number | null;
  needs_approval: number;
  status: ResolutionStatus;
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** Why the manager refused it. */
  decision_note: string | null;
  /** The ledger adjustment an approved adjustment made. */
  adjustment_id: string | null;
  /** Submission-queue ids (JSON array), once queued. */
  submission_ids: string | null;
  queued_at: string | null;
}

export interface InvestigationsTables {
  inv_cases: InvCasesTable;
  inv_variances: InvVariancesTable;
  inv_notes: InvNotesTable;
  inv_resolutions: InvResolutionsTable;
}
