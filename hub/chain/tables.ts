/**
 * The chain's tables (migrations/1100_chain) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts). Times are epoch ms from the database's own clock, so hub processes on
 * different machines agree on them.
 */

/** A hub process's claim on one queued state-system write, until `until_ms`. */
export interface ChainClaimsTable {
  submission_id: string;
  /** The claiming hub process (HUB_MQTT_CLIENT_ID and pid). */
  worker: string;
  until_ms: string | number;
}

/** One state-system GET counted against its facility's limit until `held_until_ms`. */
export interface ChainRateRequestsTable {
  id: string;
  /** The facility: state system kind and licence. */
  rate_key: string;
  held_until_ms: string | number;
}

export interface ChainTables {
  chain_claims: ChainClaimsTable;
  chain_rate_requests: ChainRateRequestsTable;
}
