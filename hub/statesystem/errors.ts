import { HubError } from "#hub/errors.js";

/**
 * A HubError raised while talking to the state system (METRC, BioTrack): its code is one of
 * UPSTREAM_* or CONFIG_INVALID, its context the HTTP status, request, row problems and whether a
 * write may have been applied. Code decides what happens (hub/errors.ts `isRecoverable`,
 * `isOutcomeUnknown`); the subclass only names where the error came from.
 */
export class StateSystemError extends HubError {
  override readonly name = "StateSystemError";
}
