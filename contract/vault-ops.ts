import { z } from "zod";
import { UnitSchema } from "./domain.js";
import { TAG_LENGTH } from "./metrc-tag.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/**
 * Waste and new packages from a bulk one (package split), done at the vault kiosk. The station
 * weighs, witnesses and prints; the hub records the change in the ledger and queues the state
 * system's adjustment or package creation. Neither carries anything the hub must trust blindly:
 * the hub checks the package, the reason and the witness again.
 */

const Tag = text(TAG_LENGTH, { min: TAG_LENGTH });
const ReasonName = text(TEXT_MAX.name, { min: 1 });

/** One of the state system's adjustment reasons, as the hub synced it (METRC `/packages/v2/adjust/reasons`). */
export const AdjustmentReasonSchema = z.object({
  name: ReasonName,
  requiresNote: z.boolean(),
  /** The state wants the waste's weight (and, with it, how it was made unusable). */
  requiresWasteWeight: z.boolean(),
});
export type AdjustmentReasonInfo = z.infer<typeof AdjustmentReasonSchema>;

/** Hub → station: the site's adjustment reasons and waste methods (a full list each time). */
export const AdjustmentReasonsPayload = z.object({
  reasons: z.array(AdjustmentReasonSchema).max(200),
  /** How waste is made unusable and unrecognisable (METRC `/wastemethods/v2` names: Grinder, Compost…). */
  wasteMethods: z.array(text(TEXT_MAX.name, { min: 1 })).max(50),
});
export type AdjustmentReasonsPayload = z.infer<typeof AdjustmentReasonsPayload>;

/** The scale's reading behind a quantity: gross, the container's tare, net, grams. */
export const WeighingSchema = z.object({
  grossGrams: z.number().nonnegative(),
  tareGrams: z.number().nonnegative(),
  netGrams: z.number(),
});
export type Weighing = z.infer<typeof WeighingSchema>;

/**
 * Station → hub `waste`: part (or all) of a package destroyed, weighed on the scale, with the
 * state system's reason and a second employee's witness (badge and PIN checked at the kiosk).
 * The envelope's `employeeId` is the person who wasted it.
 */
export const WastePayload = z.object({
  wasteId: IdText,
  label: Tag,
  /** Quantity taken out of the package, in its unit (positive). */
  quantity: z.number().positive(),
  unit: UnitSchema,
  weighing: WeighingSchema,
  reason: ReasonName,
  note: text(TEXT_MAX.prose).optional(),
  /** How it was made unusable, where the reason requires the waste weight. */
  wasteMethod: text(TEXT_MAX.name, { min: 1 }).optional(),
  /** The witness: a different employee than the one who wasted it. */
  witnessId: IdText,
  /** Door session the waste was recorded in, when the vault door was open. */
  doorSessionId: IdText.optional(),
});
export type WastePayload = z.infer<typeof WastePayload>;

/** One new package made from the source. */
export const SplitPackageSchema = z.object({
  /** The fresh tag scanned for it. */
  label: Tag,
  /** In the source's unit. */
  quantity: z.number().positive(),
  method: z.enum(["weight", "count"]),
  weighing: WeighingSchema.optional(),
});
export type SplitPackage = z.infer<typeof SplitPackageSchema>;

/**
 * Station → hub `split`: new packages made from one bulk package. `sourceBefore` is the source's
 * quantity the station knew when the split began, `sourceRemaining` what was left in it
 * (weighed or counted). What left the source (`sourceBefore − sourceRemaining`) must match the
 * new packages within the scale's tolerance, or `difference` records the rest with its reason.
 */
export const SplitPayload = z.object({
  splitId: IdText,
  source: Tag,
  unit: UnitSchema,
  sourceBefore: z.number().nonnegative(),
  sourceRemaining: z.number().nonnegative(),
  packages: z.array(SplitPackageSchema).min(1).max(100),
  /** What left the source and is in no new package, beyond the tolerance: a waste or an adjustment. */
  difference: z
    .object({
      /** In `unit`: positive when less went into the new packages than left the source. */
      quantity: z.number(),
      kind: z.enum(["waste", "adjustment"]),
      reason: ReasonName,
      note: text(TEXT_MAX.prose).optional(),
    })
    .optional(),
  doorSessionId: IdText.optional(),
});
export type SplitPayload = z.infer<typeof SplitPayload>;
