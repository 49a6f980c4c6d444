import { z } from "zod";
import { LabStateSchema, UnitSchema } from "./domain.js";
import { TAG_LENGTH } from "./metrc-tag.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/**
 * Receiving: the hub offers incoming manifests (METRC incoming transfers) to its store's stations;
 * the coordinator verifies them package by package at the vault; the station reports each line's
 * decision and the completion; the hub records them, produces METRC's receiving checklist (a
 * licensed transfer is received in METRC's web UI only), and later compares METRC's outcome with
 * what the vault verified.
 */

/** Summary of the certificate of analysis, enough to decide at the kiosk. */
export const CoaSummarySchema = z.object({
  lab: text(TEXT_MAX.name),
  testedAt: z.iso.date(),
  /** Total THC and CBD, percent by weight or mg per unit as the lab reports it. */
  thc: text(TEXT_MAX.short),
  cbd: text(TEXT_MAX.short),
  overallPassed: z.boolean(),
  /** Hub URL where the full COA document can be opened. */
  documentUrl: text(TEXT_MAX.url).optional(),
});
export type CoaSummary = z.infer<typeof CoaSummarySchema>;

export const ManifestLineSchema = z.object({
  label: text(TAG_LENGTH, { min: TAG_LENGTH }),
  itemId: IdText.optional(),
  itemName: text(TEXT_MAX.name, { min: 1 }),
  /** Shipped quantity and unit, as on the manifest. */
  quantity: z.number().positive(),
  unit: UnitSchema,
  labState: LabStateSchema,
  coa: CoaSummarySchema.nullable(),
  /** Weigh on receipt: bulk goods whose quantity is a weight. */
  weightBased: z.boolean(),
  /** Container tare from the item profile, grams: net = gross − tare. */
  containerTareGrams: z.number().nonnegative().optional(),
  packagedDate: z.iso.date().optional(),
  expirationDate: z.iso.date().optional(),
});
export type ManifestLine = z.infer<typeof ManifestLineSchema>;

/** METRC manifest numbers are 10 digits; other systems use short alphanumerics. */
const ManifestNumber = text(TEXT_MAX.short, { min: 1 });

export const ManifestSchema = z.object({
  manifestNumber: ManifestNumber,
  shipperName: text(TEXT_MAX.name),
  shipperLicense: text(TEXT_MAX.short),
  /** Expected or actual arrival, ISO instant. */
  arrival: z.iso.datetime({ offset: true }).nullable(),
  lines: z.array(ManifestLineSchema).min(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Hub → station: the manifests open for receiving at this store (a full list; absent ones are withdrawn). */
export const ManifestsPayload = z.object({ manifests: z.array(ManifestSchema) });

export const rejectReasons = [
  "wrong-tag",
  "damaged-or-tampered",
  "failed-lab",
  "short-weight",
  "over-weight",
  "not-ordered",
  "no-coa",
] as const;
export const RejectReasonSchema = z.enum(rejectReasons);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

/** One line's decision at the vault. */
export const LineDecisionSchema = z.object({
  label: text(TEXT_MAX.label, { min: 1 }),
  decision: z.enum(["accept", "accept-corrected", "reject"]),
  /** Quantity received (the corrected one for accept-corrected), in the line's unit. */
  receivedQuantity: z.number().nonnegative(),
  unit: UnitSchema,
  reason: RejectReasonSchema.optional(),
  note: text(TEXT_MAX.prose).optional(),
  /** Gross on the scale and the net after container tare, grams, when weighed. */
  grossGrams: z.number().optional(),
  netGrams: z.number().optional(),
  /** Where the package went: a vault shelf, or quarantine. */
  location: text(TEXT_MAX.location, { min: 1 }),
  /** Scanned but not on the manifest: always rejected to quarantine. */
  unexpected: z.boolean().optional(),
});
export type LineDecision = z.infer<typeof LineDecisionSchema>;

/**
 * Station → hub `receive` events. `line` carries one decision as it is made (so nothing is lost
 * if the kiosk loses power mid-manifest); `completed` closes the manifest with every decision;
 * `rejected-manifest` refuses the whole manifest; `scan-removed` takes back a package scanned by
 * mistake that is not on the manifest (never decided, so nothing of it reached the ledger), for the
 * audit trail.
 */
export const ReceivePayload = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("line"),
    manifestNumber: ManifestNumber,
    receivingId: IdText,
    line: LineDecisionSchema,
  }),
  z.object({
    action: z.literal("completed"),
    manifestNumber: ManifestNumber,
    receivingId: IdText,
    lines: z.array(LineDecisionSchema).min(1),
  }),
  z.object({
    action: z.literal("rejected-manifest"),
    manifestNumber: ManifestNumber,
    receivingId: IdText,
    reason: text(TEXT_MAX.prose, { min: 1 }),
  }),
  z.object({
    action: z.literal("scan-removed"),
    manifestNumber: ManifestNumber,
    receivingId: IdText,
    label: text(TEXT_MAX.label, { min: 1 }),
    /** Times it had been scanned on this manifest. */
    scans: z.number().int().positive(),
  }),
]);
export type ReceivePayload = z.infer<typeof ReceivePayload>;
