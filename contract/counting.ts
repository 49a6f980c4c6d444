import { z } from "zod";
import { UnitSchema } from "./domain.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/**
 * Blind cycle counts: the hub assigns counts to a station with the `count` command, the kiosk
 * counts each package and reports `count` events; the hub compares with what the ledger expects.
 *
 * Why every object here is strict: a count is blind only if the station never learns what the
 * ledger expects (a coordinator who sees "24" counts 24). A strict schema refuses any field it does
 * not name, so a hub that tried to add `quantity` or `expected` to a count line fails validation
 * at its own edge instead of leaking the figure to the kiosk.
 */

/** How a package is counted: units counted by hand, or net weight on the scale. */
export const countMethods = ["units", "weight"] as const;

/** An item whose packages are on the count, and how they are counted. */
export const CountItemSchema = z.strictObject({
  itemId: IdText,
  itemName: text(TEXT_MAX.name, { min: 1 }),
  /** The unit the count is reported in (the packages'). */
  unit: UnitSchema,
  countBy: z.enum(countMethods),
  /** Net weight of one unit, grams: units = net ÷ this (count-by-weight of a count-based item). */
  unitWeightGrams: z.number().positive().optional(),
  /** The item profile's container, grams, subtracted from the gross weight. */
  containerTareGrams: z.number().nonnegative().optional(),
});
export type CountItem = z.infer<typeof CountItemSchema>;

/** One package to count: never its quantity. Items are listed once per count, to keep a full count's command small. */
export const CountLineSchema = z.strictObject({
  label: text(TEXT_MAX.label, { min: 1 }),
  itemId: IdText,
  /** Where the ledger has it (vault shelf), to find it. */
  location: text(TEXT_MAX.location, { min: 1 }),
});
export type CountLine = z.infer<typeof CountLineSchema>;

/** A package the hub asks to be counted again, and who may not do it (the first counter). */
export const RecountLineSchema = z.strictObject({
  label: text(TEXT_MAX.label, { min: 1 }),
  /** The employee who counted it before: the recount needs somebody else. */
  countedBy: IdText,
  countedByName: text(TEXT_MAX.name).optional(),
});

/** One count assigned to the station. `round` 1 is the first count; 2 onwards recount `recount` only. */
export const CountAssignmentSchema = z.strictObject({
  countSessionId: IdText,
  /** In words: "Cycle count · Tue 1 Dec", "Full count", "Category count: flower". */
  title: text(TEXT_MAX.name, { min: 1 }),
  kind: z.enum(["cycle", "full", "category"]),
  /** Facility-local YYYY-MM-DD the count is for. */
  businessDay: z.iso.date(),
  round: z.number().int().min(1),
  items: z.array(CountItemSchema),
  lines: z.array(CountLineSchema),
  /** Round 2+: the labels to count again. */
  recount: z.array(RecountLineSchema).optional(),
});
export type CountAssignment = z.infer<typeof CountAssignmentSchema>;

/** Hub → station: the station's open counts, a full list each time (a count missing from it is closed). */
export const CountCommandPayload = z.strictObject({ counts: z.array(CountAssignmentSchema) });
export type CountCommandPayload = z.infer<typeof CountCommandPayload>;
