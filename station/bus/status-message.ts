import type { DeviceStatus } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import { StationStatus } from "#contract/messages.js";
import type { SetAsideSummary } from "#station/store/set-aside.js";

/** What the station says about itself in the retained status message. */
export interface StatusFacts {
  version: string;
  /** ISO time the station process started. */
  startedAt: string;
  outboxDepth: number;
  signedIn: { employeeId: string; name: string } | null;
  devices: DeviceStatus[];
  /** The disk is full: new scans are refused, what is held is still delivered. */
  diskFull?: boolean;
  /** Journal lines moved to side files at start (only when there are some). */
  setAside?: SetAsideSummary;
}

/** Builds the retained status envelope; `online: false` with no facts is the last will. */
export function statusMessage(stationId: string, siteId: string, at: Date, facts: StatusFacts | null): StationStatus {
  const payload = facts ? { online: true, ...facts } : { online: false };
  return StationStatus.parse({ id: newId(), type: "state", stationId, siteId, at: at.toISOString(), payload });
}
