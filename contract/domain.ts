import { z } from "zod";
import { TAG_LENGTH } from "./metrc-tag.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/** Shared domain records that travel between hub and station (catalog sync, status). */

export const itemCategories = ["flower", "pre-roll", "vape", "edible", "concentrate", "tincture", "topical"] as const;

/** METRC unit-of-measure names, as METRC spells them. */
export const unitsOfMeasure = ["Each", "Grams", "Milligrams", "Kilograms", "Ounces", "Pounds"] as const;
export const UnitSchema = z.enum(unitsOfMeasure);
export type Unit = z.infer<typeof UnitSchema>;

/** METRC LabTestingState values a retailer meets. */
export const labStates = [
  "TestPassed",
  "TestFailed",
  "NotSubmitted",
  "SubmittedForTesting",
  "TestingInProgress",
  "RetestPassed",
  "RetestFailed",
  "AwaitingConfirmation",
  "NotRequired",
] as const;
export const LabStateSchema = z.enum(labStates);

export const packageStatuses = ["active", "on-hold", "quarantine", "finished", "inactive"] as const;
export const PackageStatusSchema = z.enum(packageStatuses);

const IsoDate = z.iso.date();

export const ItemSchema = z.object({
  id: IdText,
  name: text(TEXT_MAX.name, { min: 1 }),
  category: z.enum(itemCategories),
  brand: text(TEXT_MAX.name).optional(),
  strain: text(TEXT_MAX.name).optional(),
  /** GTIN-14 printed on the retail unit, when the item has one. */
  gtin: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  unit: UnitSchema,
  /** Sold and counted by weight (bulk flower): verified on the scale. */
  weightBased: z.boolean(),
  /** Net weight of one unit for count-by-weight, grams. */
  unitWeightGrams: z.number().positive().optional(),
  /** Weight of the empty container, grams, subtracted from gross on the scale. */
  containerTareGrams: z.number().nonnegative().optional(),
});
export type Item = z.infer<typeof ItemSchema>;

export const PackageSchema = z.object({
  label: text(TAG_LENGTH, { min: TAG_LENGTH }),
  itemId: IdText,
  quantity: z.number(),
  unit: UnitSchema,
  location: text(TEXT_MAX.location, { min: 1 }),
  status: PackageStatusSchema,
  labState: LabStateSchema,
  packagedDate: IsoDate,
  expirationDate: IsoDate.optional(),
  batch: text(TEXT_MAX.short).optional(),
});
export type Package = z.infer<typeof PackageSchema>;

export const roles = ["coordinator", "budtender", "manager", "auditor", "admin"] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

export const EmployeeSchema = z.object({
  id: IdText,
  name: text(TEXT_MAX.name, { min: 1 }),
  role: RoleSchema,
  /** The code printed on the badge, `EMP-…`. */
  badge: z.string().regex(/^EMP-[A-Z0-9]{3,16}$/),
  /** scrypt hash from contract/pin.ts; never the PIN itself. */
  pinHash: text(TEXT_MAX.prose).startsWith("scrypt$"),
  active: z.boolean(),
});
export type Employee = z.infer<typeof EmployeeSchema>;

export const deviceKinds = ["scanner", "scale", "printer", "door"] as const;
export const deviceStates = ["connected", "disconnected", "error", "unknown"] as const;

export const DeviceStatusSchema = z.object({
  id: IdText,
  kind: z.enum(deviceKinds),
  name: text(TEXT_MAX.name),
  state: z.enum(deviceStates),
  /** Why the device is in error or disconnected, in words for the kiosk. */
  reason: text(TEXT_MAX.prose).optional(),
  /** Last reading, in words ("12.34 g stable", "door closed"). */
  lastReading: text(TEXT_MAX.prose).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
