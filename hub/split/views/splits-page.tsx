import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { SplitRow } from "../queries.js";

const CSS = `.sp-refused td{background:#fdf0f0}.sp-refusal{color:#a4262c;font-weight:600}.sp-closed{color:#a4262c;font-weight:600}`;

function outcome(s: SplitRow): string {
  if (s.state === "refused") return `Refused: ${s.refusal ?? ""}`;
  return s.creation ? `Recorded; package creation: ${s.creation}` : "Recorded; no state system to report to";
}

/**
 * GET /splits: new packages made from bulk ones, newest first — the source and what was left in
 * it, each new package with its quantity, any difference and its reason, who, the door session
 * and the state system's package creation. Times in the facility's zone.
 */
export function SplitsPage(props: { splits: readonly SplitRow[]; zone: string; multi: boolean }) {
  return (
    <>
      <style>{CSS}</style>
      <section class="panel" id="splits">
        <h2>New packages from bulk</h2>
        <TimeZoneNote zone={props.zone} />
        {props.splits.length === 0 ? (
          <p class="muted">No package split yet.</p>
        ) : (
          <div class="table-scroll" style="overflow-x:auto">
            <table>
              <thead>
                <tr>
                  {props.multi && <th>Site</th>}
                  <th>When</th>
                  <th>Source</th>
                  <th>New packages</th>
                  <th>Left in the source</th>
                  <th>Difference</th>
                  <th>By</th>
                  <th>Door</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {props.splits.map((s) => (
                  <tr data-split={s.id} data-state={s.state} class={s.state === "refused" ? "sp-refused" : ""}>
                    {props.multi && <td>{s.site}</td>}
                    <td>{facilityTime(s.at, props.zone)}</td>
                    <td>
                      <a href={`/packages/${s.source}`}>{s.source}</a>
                      {s.itemName ? <div class="muted">{s.itemName}</div> : null}
                    </td>
                    <td>
                      <ul>
                        {s.packages.map((p) => (
                          <li data-new-package={p.label}>
                            <a href={`/packages/${p.label}`}>{p.label}</a>: {p.quantity} {s.unit} ({p.method})
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {s.sourceRemaining} {s.unit} of {s.sourceBefore}
                    </td>
                    <td>
                      {s.difference
                        ? `${s.difference.quantity} ${s.unit} as ${s.difference.kind}: ${s.difference.reason}${s.difference.note ? ` (${s.difference.note})` : ""}`
                        : "within tolerance"}
                    </td>
                    <td>{s.employee ?? "—"}</td>
                    <td class={s.doorSessionId ? "" : "sp-closed"}>{s.doorSessionId ? "open" : "door closed"}</td>
                    <td class={s.state === "refused" ? "sp-refusal" : ""}>{outcome(s)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
