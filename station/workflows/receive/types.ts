import type { BarcodeClass } from "#contract/barcode.js";
import type { Role } from "#contract/domain.js";

/** The signed-in person, as receiving needs them. */
export interface Person {
  employeeId: string;
  name: string;
  role: Role;
}

/** A scan as recorded (event id, ISO time, code and its classification). */
export interface RecordedScan {
  id: string;
  at: string;
  code: string;
  classification: BarcodeClass;
}

/**
 * Accepted, or refused with a reason for the kiosk; `failed` when the disk, not the rules, said no;
 * `confirm` when the same tap, confirmed, would be taken (the reason is then the question).
 */
export type Outcome = { ok: true } | { ok: false; reason: string; failed?: true; confirm?: true };

/** What changed, so the kiosk re-renders only what it must. */
export type ReceiveChange = "scan" | "line" | "session" | "labels";
