/**
 * The investigations slice of the hub's one configuration schema (hub/config.ts): the deadline
 * after which an open case is escalated and the approval threshold of resolutions.
 *
 *   INVESTIGATION_DEADLINE_HOURS     24   open longer than this → escalated
 *   INVESTIGATION_APPROVAL_QUANTITY   2   |quantity| above this (package's unit) → a manager approves
 *   INVESTIGATION_APPROVAL_VALUE     50   value above this (dollars) → a manager approves
 *
 * Either limit may be set empty to leave it out; with both empty nothing needs approval.
 */
import type { HubConfig } from "#hub/config.js";

export interface InvestigationsConfig {
  /** How long a case may stay open before it is escalated, ms. */
  deadlineMs: number;
  /** Above this absolute quantity a resolution needs a manager; null: no quantity limit. */
  approvalQuantity: number | null;
  /** Above this value (dollars) a resolution needs a manager; null: no value limit. */
  approvalValue: number | null;
}

/** The defaults, as documented above. */
export const DEFAULT_INVESTIGATIONS_CONFIG: InvestigationsConfig = Object.freeze({
  deadlineMs: 24 * 3_600_000,
  approvalQuantity: 2,
  approvalValue: 50,
});

/** The investigations slice of a loaded hub configuration. */
export function investigationsSlice(cfg: HubConfig): InvestigationsConfig {
  return Object.freeze({
    deadlineMs: cfg.INVESTIGATION_DEADLINE_HOURS * 3_600_000,
    approvalQuantity: cfg.INVESTIGATION_APPROVAL_QUANTITY ?? null,
    approvalValue: cfg.INVESTIGATION_APPROVAL_VALUE ?? null,
  });
}

/** Whether a resolution of `quantity` (absolute, package's unit) worth `value` dollars needs a manager's approval. */
export function needsApproval(cfg: InvestigationsConfig, quantity: number, value: number | null): boolean {
  if (cfg.approvalQuantity !== null && Math.abs(quantity) > cfg.approvalQuantity) return true;
  return cfg.approvalValue !== null && value !== null && Math.abs(value) > cfg.approvalValue;
}
