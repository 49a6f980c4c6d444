import { z } from "zod";
import { TAG_LENGTH } from "./metrc-tag.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/**
 * Quarantine: a package set apart on the quarantine shelf, unsellable (status `quarantine`) until
 * a manager approves its release. Set at the kiosk (scan, reason, shelf, quarantine label) or on
 * the dashboard; the coordinator asks for the release, a manager approves it on the dashboard.
 */

/** Why a package is held (the seed's "damaged, returned, or recalled products", and the lab's). */
export const quarantineReasons = [
  "damaged",
  "customer-return",
  "recall",
  "failed-lab",
  "suspected-tampering",
  "expired",
  "count-discrepancy",
] as const;
export const QuarantineReasonSchema = z.enum(quarantineReasons);
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;

const Tag = text(TAG_LENGTH, { min: TAG_LENGTH });

/**
 * Station → hub `quarantine` events:
 * - `hold`: the package was put on the quarantine shelf at the vault, with the reason;
 * - `release-request`: the coordinator asks a manager to release it (it stays held until approved).
 */
export const QuarantineEventPayload = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("hold"),
    holdId: IdText,
    label: Tag,
    reason: QuarantineReasonSchema,
    note: text(TEXT_MAX.prose).optional(),
    /** The quarantine shelf it went to. */
    location: text(TEXT_MAX.location, { min: 1 }),
    /** Where it was before, as the station's replica knew it. */
    fromLocation: text(TEXT_MAX.location).optional(),
  }),
  z.object({
    action: z.literal("release-request"),
    label: Tag,
    note: text(TEXT_MAX.prose, { min: 1 }),
  }),
]);
export type QuarantineEventPayload = z.infer<typeof QuarantineEventPayload>;
