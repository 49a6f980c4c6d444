import { GENERIC_COLUMNS } from "../parsers/index.js";
import type { ImportSummary } from "../queries.js";
import { posIds } from "./ids.js";
import { MappingSelect, MappingsPanel, type SavedMapping } from "./mappings.js";
import { ImportsTable } from "./report.js";
import { POS_CSS } from "./style.js";

export interface PosPageProps {
  imports: ImportSummary[];
  mappings: SavedMapping[];
  defaultSite: string;
  /** The signed-in person may import and change mappings (auditors read only); default true. */
  write?: boolean;
}

function UploadForm(props: { mappings: SavedMapping[]; defaultSite: string }) {
  return (
    <form
      id={posIds.upload}
      class="pos-form"
      method="post"
      action="/pos/imports"
      enctype="multipart/form-data"
      hx-post="/pos/imports"
      hx-encoding="multipart/form-data"
      hx-target={`#${posIds.report}`}
      hx-swap="innerHTML"
      hx-disabled-elt="find button"
    >
      <label>
        File <input type="file" name="file" required accept=".csv,.json,.txt,text/csv,application/json" />
      </label>
      <label>
        Format
        <select name="format">
          <option value="dutchie">Dutchie (transactions JSON)</option>
          <option value="flowhub">Flowhub (orders JSON)</option>
          <option value="csv" selected>
            CSV
          </option>
        </select>
      </label>
      <label>
        Column mapping (CSV) <MappingSelect mappings={props.mappings} />
      </label>
      <label>
        Site <input name="site" value={props.defaultSite} size={18} />
      </label>
      <button type="submit">Import</button>
      <div class="pos-progress">
        <progress id={posIds.progress} max={100} value={0} hidden></progress>
        <span id={posIds.progressText} aria-live="polite"></span>
      </div>
    </form>
  );
}

/** GET /pos */
export function PosPage(props: PosPageProps) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: POS_CSS }} />
      <script src="/pos/upload.js" defer></script>
      <section class="panel">
        <h2>Import POS sales</h2>
        <p class="muted">
          A file lands whole or not at all; importing it again, or the same lines in another file, changes nothing.
          Vaultline CSV header: <code>{GENERIC_COLUMNS.join(",")}</code>.
        </p>
        {props.write === false ? (
          <p class="muted">Your role reads imports; importing is for coordinators and managers.</p>
        ) : (
          <UploadForm mappings={props.mappings} defaultSite={props.defaultSite} />
        )}
      </section>
      <section class="panel" id={posIds.report} aria-live="polite"></section>
      <section class="panel">
        <h2>Imports</h2>
        <ImportsTable imports={props.imports} />
      </section>
      <MappingsPanel mappings={props.mappings} write={props.write ?? true} />
    </>
  );
}
