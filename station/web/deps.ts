import type { Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import type { SimControls } from "#station/devices/index.js";
import type { PadKey, SignInView, Notice } from "#station/kiosk/sign-in.js";
import type { LiveFeed } from "#station/scans/live-feed.js";
import type { ScanEnvelope } from "#station/scans/recorder.js";

/** A workflow's tile on the kiosk home and its link in the header. */
export interface KioskTile {
  /** Workflow name, e.g. "receive" (`data-workflow` on the tile). */
  name: string;
  title: string;
  hint: string;
  /** Where the workflow's screen is, e.g. "/receive". */
  path: string;
}

/** Everything the kiosk and the API need, injected; the web layer holds no state of its own. */
export interface AppDeps {
  stationId: string;
  siteId: string;
  version: string;
  log: Logger;
  feed: LiveFeed;
  signIn: {
    view(): SignInView;
    press(key: PadKey): Promise<Notice | null>;
    signOut(reason: string): Promise<Notice | null>;
    touch(): void;
  };
  scans: {
    record(code: string, scannerId: string): Promise<ScanEnvelope>;
    waitFor(code: string, scannerId: string, timeoutMs?: number): Promise<ScanEnvelope>;
  };
  /** Broker link, last ack time, and whether the hub acknowledges what is sent (unknown: omitted). */
  hub(): { connected: boolean; lastAckAt: string | null; answering?: boolean };
  outboxDepth(): number;
  /** Disk full, and journal lines set aside at start (shown in /api/status when given). */
  storage?(): { diskFull: boolean; setAside?: { lines: number; files: string[]; latestReason?: string } };
  devices: { statuses(): DeviceStatus[]; readonly sim?: SimControls | undefined };
  /** FACILITY_TIME_ZONE: every time on the kiosk is shown in it (default America/Los_Angeles). */
  timeZone?: string;
  /** One per registered workflow, in registration order. */
  tiles?: readonly KioskTile[];
  /** Keep-alive comment interval on /events, ms. */
  sseHeartbeatMs?: number;
  /** Least time between two header or device-list frames on /events, ms (default 250). */
  sseLazyMs?: number;
}
