import { z } from "zod";
import { UnitSchema } from "./domain.js";
import { TAG_LENGTH } from "./metrc-tag.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/**
 * Restocking the sales floor: a budtender asks (at the kiosk or on the dashboard), or the hub raises
 * a request itself when an item's floor stock falls under its minimum. The hub answers every open
 * request of its store with a pick list in FEFO/FIFO order (expiry first, then packaged date, then
 * tag) and the vault shelf of each package; the coordinator scans each pick at the kiosk, and the
 * hub moves what was picked from the vault to the sales floor through the ledger and queues the
 * location change to the state system.
 */

const Tag = text(TAG_LENGTH, { min: TAG_LENGTH });

/** Where a request came from: a person at the kiosk or the dashboard, or the hub's low-stock check. */
export const restockOrigins = ["kiosk", "dashboard", "low-stock"] as const;

/** One package to take, in the order to take them. */
export const RestockPickSchema = z.object({
  label: Tag,
  /** The vault shelf it sits on now. */
  location: text(TEXT_MAX.location, { min: 1 }),
  /** Its whole quantity, in `unit`: packages move whole. */
  quantity: z.number().positive(),
  unit: UnitSchema,
  expirationDate: z.iso.date().optional(),
  packagedDate: z.iso.date(),
});
export type RestockPick = z.infer<typeof RestockPickSchema>;

/** One item asked for: how much, and the packages that cover it, first to take first. */
export const RestockLineSchema = z.object({
  itemId: IdText,
  itemName: text(TEXT_MAX.name, { min: 1 }),
  /** Asked for, in `unit` (the item's). */
  quantity: z.number().positive(),
  unit: UnitSchema,
  /** FEFO/FIFO order; may cover less than asked when the vault holds less (then `short` says how much). */
  picks: z.array(RestockPickSchema).max(200),
  /** What the vault cannot cover, in `unit`; absent when the picks cover the request. */
  short: z.number().positive().optional(),
});
export type RestockLine = z.infer<typeof RestockLineSchema>;

export const RestockRequestSchema = z.object({
  requestId: IdText,
  origin: z.enum(restockOrigins),
  /** Who asked, as the kiosk shows it ("low stock" for the hub's own check). */
  requestedBy: text(TEXT_MAX.name, { min: 1 }),
  requestedAt: z.iso.datetime({ offset: true }),
  /** Where the picks go: the sales floor. */
  toLocation: text(TEXT_MAX.location, { min: 1 }),
  lines: z.array(RestockLineSchema).min(1).max(100),
  note: text(TEXT_MAX.prose).optional(),
});
export type RestockRequest = z.infer<typeof RestockRequestSchema>;

/** Hub → station `restock` command: every open request of the store (a request missing from it is closed or withdrawn). */
export const RestockCommandPayload = z.object({ requests: z.array(RestockRequestSchema).max(200) });

/** Why the coordinator took another package than the one the list says first. */
export const pickOverrideReasons = ["first-not-found", "first-damaged"] as const;
export const PickOverrideReasonSchema = z.enum(pickOverrideReasons);
export type PickOverrideReason = z.infer<typeof PickOverrideReasonSchema>;

/**
 * Station → hub `restock` events:
 * - `request`: a budtender asked at the kiosk (the hub makes the pick list);
 * - `pick`: one package scanned and taken to the floor (with the override when it was not the list's);
 * - `completed`: the coordinator finished the request (what was picked; the rest is short).
 */
export const RestockEventPayload = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("request"),
    requestId: IdText,
    lines: z
      .array(z.object({ itemId: IdText, quantity: z.number().positive() }))
      .min(1)
      .max(100),
    note: text(TEXT_MAX.prose).optional(),
  }),
  z.object({
    action: z.literal("pick"),
    requestId: IdText,
    label: Tag,
    itemId: IdText,
    fromLocation: text(TEXT_MAX.location, { min: 1 }),
    toLocation: text(TEXT_MAX.location, { min: 1 }),
    quantity: z.number().positive(),
    unit: UnitSchema,
    /** Taken instead of the list's first package of the item: which one and why. */
    override: z.object({ reason: PickOverrideReasonSchema, expectedLabel: Tag }).optional(),
  }),
  z.object({
    action: z.literal("completed"),
    requestId: IdText,
    picked: z.array(Tag).max(2_000),
    note: text(TEXT_MAX.prose).optional(),
  }),
]);
export type RestockEventPayload = z.infer<typeof RestockEventPayload>;
