/**
 * The shapes of receiving one manifest: its state, the inputs the machine takes and the effects it
 * returns. Kept apart from machine.ts so the step functions (machine.ts, decide.ts) share them
 * without importing each other.
 */
import type { BarcodeClass } from "#contract/barcode.js";
import type { LineDecision, Manifest, ManifestLine, RejectReason } from "#contract/receiving.js";
import type { ScanVerdict } from "./rules.js";
import type { Container, WeightCheck, WeightTolerance } from "./weight.js";

/** The coordinator's tap on a line. */
export interface DecideInput {
  label: string;
  decision: LineDecision["decision"];
  /** The corrected quantity, in the line's unit (accept-corrected). */
  quantity?: number | undefined;
  reason?: RejectReason | undefined;
  note?: string | undefined;
  /** The coordinator confirmed a corrected quantity far below the shipped one. */
  confirmed?: boolean | undefined;
  /** The shelf chosen for an accepted package (by the caller, from the replica) and its place in words. */
  placement?: { location: string; text: string } | undefined;
}

/** One package's progress: a manifest line, or an unexpected package scanned on top. */
export interface LineProgress {
  label: string;
  /** The manifest line; absent for a package that is not on the manifest. */
  line?: ManifestLine;
  /** Times scanned (a second scan is a duplicate). */
  scans: number;
  /** First scan, ms since the epoch. */
  scannedAt?: number;
  weight?: WeightCheck & { at: number };
  /** The container chosen on the kiosk; the item profile's when none was chosen. */
  container?: Container;
  decision?: LineDecision;
}

/** The last scan's verdict, for the kiosk's flash. */
export interface ScanOutcome {
  verdict: ScanVerdict;
  code: string;
  scanId: string;
  label?: string;
  /** Why a code is not a valid tag. */
  reason?: string;
  at: number;
}

export interface ReceivingState {
  receivingId: string;
  manifest: Manifest;
  employeeId: string;
  startedAt: number;
  /** Manifest labels in manifest order, then unexpected labels in scan order. */
  order: string[];
  lines: Record<string, LineProgress>;
  /** The line in the decision panel. */
  current: string | null;
  lastScan: ScanOutcome | null;
  /** False after a weight was taken until the platform is cleared (unstable or empty). */
  scaleClear: boolean;
  status: "open" | "completed" | "rejected";
  rejectReason?: string;
  /** Set aside by the coordinator: takes no scans, weights or decisions until resumed. */
  paused?: boolean;
}

export type ReceiveInput =
  | { type: "scan"; scanId: string; code: string; classification: BarcodeClass; at: number }
  | { type: "weight"; grams: number; stable: boolean; at: number }
  | { type: "select"; label: string }
  | { type: "reweigh"; label: string }
  | { type: "container"; label: string; container: Container }
  | ({ type: "decide"; at: number } & DecideInput)
  | { type: "complete"; at: number }
  | { type: "reject-manifest"; reason: string; at: number }
  | { type: "pause"; at: number }
  | { type: "resume"; at: number }
  /** Takes back a package scanned by mistake that is not on the manifest and has no decision. */
  | { type: "remove"; label: string; at: number };

/** What the caller must do after a step. */
export type ReceiveEffect =
  | { type: "publish-line"; line: LineDecision }
  | { type: "publish-weight"; label: string; grossGrams: number; netGrams: number }
  | { type: "print-shelf"; label: string; itemName: string; location: string; placement: string }
  | { type: "print-quarantine"; label: string; itemName: string; reason: string }
  | { type: "publish-completed"; lines: LineDecision[] }
  | { type: "publish-rejected-manifest"; reason: string }
  | { type: "publish-removed"; label: string; scans: number };

export interface ReceiveStep {
  state: ReceivingState;
  effects: ReceiveEffect[];
  /** False when the input changed nothing (not worth journaling). */
  changed: boolean;
  /** Why the input was refused, in words for the kiosk. */
  refused?: string;
  /** Set with `refused` when the input needs the coordinator's confirmation (sent again `confirmed`). */
  confirm?: true;
}

export interface ReceiveRules {
  tolerance: WeightTolerance;
  /** Where rejected and unexpected packages go. */
  quarantineLocation: string;
  /** A stable reading at or below this is an empty platform, grams. */
  emptyBelowGrams: number;
  /**
   * A corrected quantity below this percent of the shipped one needs confirming, and one above the
   * shipped one is refused. Absent in receivings begun before these checks: they replay without them.
   */
  confirmBelowPct?: number;
}
