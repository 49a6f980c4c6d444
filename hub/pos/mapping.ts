/**
 * A saved column mapping: how to read another back office's sales CSV (Cova, Treez, …) as sale
 * lines. Each field names the export's column; the export's own words for "voided" are listed.
 */
import { z } from "zod";
import { UnitSchema } from "#contract/domain.js";

const Column = z
  .string()
  .trim()
  .min(1, "name the export's column for this field")
  .max(120, "a column name is at most 120 characters");
const OptionalColumn = z.union([z.literal("").transform(() => undefined), Column]).optional();

/** Fields of a sale line a mapping can fill, in the order the dashboard shows them. */
export const mappedFields = [
  "receiptId",
  "lineId",
  "completedAt",
  "packageLabel",
  "sku",
  "quantity",
  "unit",
  "total",
  "voided",
  "returnOf",
] as const;
export type MappedField = (typeof mappedFields)[number];

export const MappingNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}$/, "a mapping name is letters, digits, spaces, . _ - (up to 60)");

export const ColumnMappingSchema = z
  .object({
    name: MappingNameSchema,
    columns: z
      .object({
        receiptId: Column,
        lineId: OptionalColumn,
        completedAt: Column,
        packageLabel: OptionalColumn,
        sku: OptionalColumn,
        quantity: Column,
        unit: OptionalColumn,
        total: OptionalColumn,
        voided: OptionalColumn,
        returnOf: OptionalColumn,
      })
      .refine((c) => c.packageLabel !== undefined || c.sku !== undefined, {
        message: "map a package tag column or a SKU column (or both)",
        path: ["packageLabel"],
      }),
    /** The unit of every line when the export has no unit column. */
    unit: UnitSchema.optional(),
    /** Cell values (any case) that mean the line was voided. */
    voidedValues: z.array(z.string().trim().min(1)).min(1).default(["true", "yes", "y", "1", "void", "voided"]),
    delimiter: z.enum([",", ";", "\t"]).default(","),
  })
  .refine((m) => m.columns.unit !== undefined || m.unit !== undefined, {
    message: "map a unit column or choose the unit of every line",
    path: ["unit"],
  });

export type ColumnMapping = z.output<typeof ColumnMappingSchema>;

/** The source key of lines read through a mapping: lines of one back office never meet another's. */
export function mappedSource(mapping: Pick<ColumnMapping, "name">): string {
  return `csv:${mapping.name}`;
}
