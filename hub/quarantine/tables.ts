/**
 * The quarantine tables (migrations/0850_quarantine) as Kysely sees them; part of the hub's
 * Database (hub/store/database.ts). A hold is one package's stay in quarantine, from the hold to
 * the manager's approved release.
 */

/** held → release-asked (the coordinator asked) → released (a manager approved) ; a denial goes back to held. */
export type HoldStatus = "held" | "release-asked" | "released";

export interface QuarantineHoldsTable {
  site_id: string;
  id: string;
  label: string;
  reason: string;
  note: string | null;
  /** The quarantine shelf. */
  location: string;
  /** Where it was, and its status then (the release puts it back there unless the manager says otherwise). */
  from_location: string;
  from_status: string;
  status: HoldStatus;
  held_by: string;
  held_at: string;
  station_id: string | null;
  release_asked_by: string | null;
  release_asked_at: string | null;
  release_note: string | null;
  /** The manager who approved (or last denied) the release. */
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  released_to: string | null;
  updated_at: string;
}

/** Quarantine events already applied. */
export interface QuarantineAppliedEventsTable {
  event_id: string;
  applied_at: string;
}

/** A location change for the state system, written with the hold or release and handed to the submission queue after. */
export interface QuarantineStateWritesTable {
  id: string;
  site_id: string;
  /** The LocationMoveWrite as JSON. */
  payload: string;
  requested_by: string;
  created_at: string;
  /** The submission queue's id; null until queued. */
  submission_id: string | null;
}

export interface QuarantineTables {
  quarantine_state_writes: QuarantineStateWritesTable;
  quarantine_holds: QuarantineHoldsTable;
  quarantine_applied_events: QuarantineAppliedEventsTable;
}
