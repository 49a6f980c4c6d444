import type { ImportReport } from "../import-service.js";
import type { ImportSummary } from "../queries.js";
import { posIds } from "./ids.js";

/** Bad rows shown on the page; the JSON API lists them all. */
const SHOWN_ERRORS = 500;

function Summary(props: { r: ImportReport }) {
  const { r } = props;
  if (r.errors.length > 0) {
    return (
      <p class="pos-refused">
        Refused: nothing was imported. {r.errors.length} {r.errors.length === 1 ? "row needs" : "rows need"} fixing in
        the file, then import it again.
      </p>
    );
  }
  if (r.imported === 0)
    return (
      <p class="pos-landed">
        Already imported: all {r.alreadyImported} sale lines of this file are in. Nothing changed.
      </p>
    );
  return (
    <p class="pos-landed">
      Imported {r.imported} sale {r.imported === 1 ? "line" : "lines"}
      {r.alreadyImported > 0 ? `; ${r.alreadyImported} were already in` : ""}.
    </p>
  );
}

/** The report of one import, with every bad row's number (0 = the file as a whole). */
export function ImportReportPart(props: { r: ImportReport }) {
  const { r } = props;
  const outcome = r.errors.length > 0 ? "refused" : r.imported === 0 ? "already" : "landed";
  return (
    <div
      class="pos-report"
      data-outcome={outcome}
      data-imported={r.imported}
      data-already={r.alreadyImported}
      data-rows={r.rows}
    >
      <h2>
        {r.file}{" "}
        <span class="muted">
          ({r.format}, {r.rows} rows read)
        </span>
      </h2>
      <Summary r={r} />
      {r.errors.length > 0 ? (
        <div class="pos-scroll">
          <table class="pos-errors">
            <thead>
              <tr>
                <th>Row</th>
                <th>What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.slice(0, SHOWN_ERRORS).map((e) => (
                <tr data-row={e.row}>
                  <td>{e.row === 0 ? "file" : e.row}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.errors.length > SHOWN_ERRORS ? (
            <p class="muted">… and {r.errors.length - SHOWN_ERRORS} more (POST /api/pos/imports lists them all).</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The imports that landed, newest first (swapped out of band after each import). */
export function ImportsTable(props: { imports: ImportSummary[]; oob?: boolean }) {
  return (
    <div id={posIds.imports} {...(props.oob ? { "hx-swap-oob": "true" } : {})}>
      {props.imports.length === 0 ? (
        <p class="muted">No sales imported yet.</p>
      ) : (
        <div class="pos-scroll">
          <table>
            <thead>
              <tr>
                <th>When (UTC)</th>
                <th>File</th>
                <th>Format</th>
                <th>Site</th>
                <th>Lines</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {props.imports.map((i) => (
                <tr data-import={i.id}>
                  <td>{i.importedAt.slice(0, 16).replace("T", " ")}</td>
                  <td>{i.file}</td>
                  <td>{i.mapping ? `csv · ${i.mapping}` : i.format}</td>
                  <td>{i.siteId}</td>
                  <td>
                    {i.imported} new{i.alreadyImported ? `, ${i.alreadyImported} already in` : ""}
                  </td>
                  <td>{i.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
