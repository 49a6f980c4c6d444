import { unitsOfMeasure } from "#contract/domain.js";
import { mappedFields, type ColumnMapping, type MappedField } from "../mapping.js";
import { posIds } from "./ids.js";

const FIELD_LABELS: Record<MappedField, string> = {
  receiptId: "Receipt id *",
  lineId: "Line id",
  completedAt: "Completed at *",
  packageLabel: "Package tag",
  sku: "SKU",
  quantity: "Quantity *",
  unit: "Unit",
  total: "Line total",
  voided: "Voided / status",
  returnOf: "Returned receipt",
};

export type SavedMapping = ColumnMapping & { updatedAt: string; updatedBy: string };

/** What the mapping form shows again after a refused save. */
export interface MappingDraft {
  values: Record<string, string>;
  problems: string[];
}

function MappingList(props: { mappings: SavedMapping[]; write: boolean }) {
  if (props.mappings.length === 0) return <p class="muted">No column mapping saved yet.</p>;
  return (
    <div class="pos-scroll">
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Columns</th>
            <th>Saved</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {props.mappings.map((m) => (
            <tr data-mapping={m.name}>
              <td>{m.name}</td>
              <td class="muted">
                {mappedFields
                  .filter((f) => m.columns[f])
                  .map((f) => `${f} ← "${m.columns[f]}"`)
                  .join(", ")}
                {m.unit ? `, unit ${m.unit}` : ""}
              </td>
              <td>
                {m.updatedAt.slice(0, 10)} · {m.updatedBy}
              </td>
              <td>
                {props.write && (
                  <button
                    hx-post={`/pos/mappings/${encodeURIComponent(m.name)}/delete`}
                    hx-target={`#${posIds.mappings}`}
                    hx-swap="outerHTML"
                    hx-confirm={`Delete the mapping "${m.name}"?`}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MappingForm(props: { draft?: MappingDraft | undefined }) {
  const v = props.draft?.values ?? {};
  return (
    <form class="pos-form" hx-post="/pos/mappings" hx-target={`#${posIds.mappings}`} hx-swap="outerHTML">
      <h3>Save a mapping (a saved name is replaced)</h3>
      <label>
        Mapping name * <input name="name" required value={v.name ?? ""} placeholder="Cova sales lines" />
      </label>
      <div class="pos-mapping-fields">
        {mappedFields.map((f) => (
          <label>
            {FIELD_LABELS[f]} <input name={`col.${f}`} value={v[`col.${f}`] ?? ""} placeholder="column header" />
          </label>
        ))}
      </div>
      <label>
        Unit when there is no unit column
        <select name="unit">
          <option value="">—</option>
          {unitsOfMeasure.map((u) => (
            <option value={u} selected={v.unit === u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        Values meaning voided <input name="voidedValues" value={v.voidedValues ?? "true, yes, void, voided"} />
      </label>
      <label>
        Separator
        <select name="delimiter">
          {[
            [",", "comma"],
            [";", "semicolon"],
            ["\t", "tab"],
          ].map(([d, n]) => (
            <option value={d} selected={v.delimiter === d}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Save mapping</button>
      {props.draft?.problems.length ? (
        <ul class="warn">
          {props.draft.problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/** The upload form's choice of mapping (swapped out of band when mappings change). */
export function MappingSelect(props: { mappings: readonly Pick<ColumnMapping, "name">[]; oob?: boolean }) {
  return (
    <select name="mapping" id={posIds.mappingSelect} {...(props.oob ? { "hx-swap-oob": "true" } : {})}>
      <option value="">Vaultline sales CSV</option>
      {props.mappings.map((m) => (
        <option value={m.name}>{m.name}</option>
      ))}
    </select>
  );
}

/** Saved mappings and the form to save one; after a change the upload form's choice follows. */
export function MappingsPanel(props: {
  mappings: SavedMapping[];
  draft?: MappingDraft | undefined;
  saved?: string | undefined;
  oobSelect?: boolean;
  write?: boolean;
}) {
  const write = props.write ?? true;
  return (
    <>
      {props.oobSelect ? <MappingSelect mappings={props.mappings} oob /> : null}
      <section class="panel" id={posIds.mappings}>
        <h2>Column mappings (Cova, Treez and other CSV exports)</h2>
        <p class="muted">
          Name the export's column for each field (* required; a package tag or a SKU column too). Times without an
          offset are the store's local time.
        </p>
        {props.saved ? (
          <p class="pos-landed" data-saved={props.saved}>
            Saved the mapping {props.saved}.
          </p>
        ) : null}
        <MappingList mappings={props.mappings} write={write} />
        {write && <MappingForm draft={props.draft} />}
      </section>
    </>
  );
}
