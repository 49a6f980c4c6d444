/** The dashboard's mapping form to a ColumnMapping, or the problems to show on it again. */
import { ColumnMappingSchema, mappedFields, type ColumnMapping } from "./mapping.js";
import type { MappingDraft } from "./views/mappings.js";

/** Reads the posted form (`name`, `col.<field>`, `unit`, `voidedValues`, `delimiter`). */
export function mappingFromForm(form: Record<string, unknown>): { mapping: ColumnMapping } | { draft: MappingDraft } {
  const values = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  const columns = Object.fromEntries(mappedFields.map((f) => [f, values[`col.${f}`] ?? ""]));
  const voided = (values.voidedValues ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed = ColumnMappingSchema.safeParse({
    name: values.name ?? "",
    columns,
    ...(values.unit ? { unit: values.unit } : {}),
    ...(voided.length ? { voidedValues: voided } : {}),
    ...(values.delimiter ? { delimiter: values.delimiter } : {}),
  });
  if (parsed.success) return { mapping: parsed.data };
  const problems = parsed.error.issues.map((i) => {
    const where = i.path.filter((p) => p !== "columns").join(".");
    return where ? `${where}: ${i.message}` : i.message;
  });
  return { draft: { values, problems } };
}
