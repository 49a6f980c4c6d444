import type { Hono } from "hono";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Employee } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import type { CommandName } from "#contract/topics.js";
import type { AnyCommand } from "#contract/validate.js";
import type { Clock } from "#station/clock.js";
import type { Devices } from "#station/devices/index.js";
import type { StationEvents, WorkflowName } from "#station/events.js";
import type { Banner } from "#station/scans/live-feed.js";
import type { Replica } from "#station/store/replica.js";
import type { AppDeps } from "#station/web/deps.js";

/** How a workflow appears on the kiosk home screen and in the header. */
export interface WorkflowTile {
  /** Button text, e.g. "Receive". */
  title: string;
  /** One line under the title on the home screen. */
  hint: string;
  /** Where its routes are mounted and the tile links to, e.g. "/receive". */
  path: `/${string}`;
}

/** What a scan is tied to while a workflow takes scans: its session (manifest, count…), if any. */
export interface ScanClaim {
  sessionId?: string | undefined;
  /**
   * True while the workflow asks for a badge (a witness): a badge scanned now goes to it and does
   * not open the sign-in PIN pad.
   */
  takesBadges?: boolean | undefined;
}

/**
 * One kiosk workflow, as the station runs it. The station's wiring, the scan and weight recorders
 * and the kiosk app loop over the open workflows and never name one. A workflow hears scans,
 * weights, door changes, sign-in/out and hub commands through `WorkflowContext.events`.
 */
export interface Workflow {
  readonly name: WorkflowName;
  readonly tile: WorkflowTile;
  /** While active (a manifest open…): scans recorded now carry this workflow's name and session. */
  claimsScans(): ScanClaim | undefined;
  /** True while this workflow records its own weighings, so the weight recorder leaves the scale alone. */
  claimsWeights(): boolean;
  /** Hub commands this workflow acts on; each reaches `onCommand` after the replica applied it. */
  readonly commands?: readonly CommandName[];
  onCommand?(cmd: AnyCommand): Promise<void>;
  /** Its screens and taps, mounted at `tile.path`. */
  routes(app: AppDeps): Hono;
  /** Its journal in STATION_DATA_DIR (file name), when it keeps one. */
  readonly journal?: string;
  /** Stops listening and closes its journal. */
  close(): Promise<void>;
}

/** The signed-in person with their role (from the replica), as workflows check permissions. */
export interface SignedInPerson {
  employeeId: string;
  name: string;
  role: Employee["role"];
}

/** Everything a workflow is opened with: the station's stores, devices and event bus, and its config slice. */
export interface WorkflowContext<C = unknown> {
  stationId: string;
  siteId: string;
  /** STATION_DATA_DIR: where its journal goes. */
  dataDir: string;
  /** FACILITY_TIME_ZONE: times shown to a person or printed are in it. */
  timeZone?: string | undefined;
  /** Logger already tagged `mod: <workflow name>`. */
  log: Logger;
  clock: Clock;
  events: StationEvents;
  outbox: { append(env: Envelope): Promise<void> };
  replica: Pick<Replica, "employeeById" | "employeeByBadge" | "packageWithItem" | "adjustmentReasons">;
  /** The vault door session open now, when a door is open (actions are tied to it). */
  doorSessionId(): string | undefined;
  /** The signed-in, active employee, or null. */
  person(): SignedInPerson | null;
  devices: Pick<Devices, "printer">;
  /** Shows a banner on the kiosk (with the error tone when `sound`). */
  banner(b: Banner): void;
  /** This workflow's slice of the station config (`WorkflowPlugin.config`), parsed. */
  config: C;
}

/** A workflow's settings: a zod schema for its slice of the station config and the environment variable of each key. */
export interface ConfigSlice<S extends z.ZodType = z.ZodType> {
  /** Key of the slice in the station config (and in the STATION_CONFIG JSON file), e.g. "receive". */
  key: string;
  schema: S;
  /** Environment variable → key inside the slice, e.g. RECEIVE_DEFAULT_SHELF → defaultShelf. */
  env: Readonly<Record<string, string>>;
}

/** What a workflow folder's index.ts registers: how to open it. */
export interface WorkflowPlugin<C = unknown> {
  readonly name: WorkflowName;
  readonly config?: ConfigSlice;
  open(ctx: WorkflowContext<C>): Promise<Workflow>;
}
