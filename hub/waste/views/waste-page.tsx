import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { WasteRow } from "../queries.js";

const CSS = `
.ws-refused td{background:#fdf0f0}.ws-refusal{color:#a4262c;font-weight:600}
.ws-closed{color:#a4262c;font-weight:600}.ws-num{text-align:right;font-variant-numeric:tabular-nums}
`;

/** What became of the waste in words: recorded and its state-system write, or refused and why. */
function outcome(w: WasteRow): string {
  if (w.state === "refused") return `Refused: ${w.refusal ?? ""}`;
  return w.submission ? `Recorded; state system: ${w.submission}` : "Recorded; no state system to report to";
}

/**
 * GET /waste: every waste the vault recorded, newest first — the package, how much (and its net
 * weight on the scale), the state system's reason and the waste method, who wasted it and who
 * witnessed it, the door session, and what the hub made of it. Times in the facility's zone.
 */
export function WastePage(props: { wastes: readonly WasteRow[]; zone: string; multi: boolean }) {
  return (
    <>
      <style>{CSS}</style>
      <section class="panel" id="wastes">
        <h2>Waste</h2>
        <TimeZoneNote zone={props.zone} />
        {props.wastes.length === 0 ? (
          <p class="muted">No waste recorded yet.</p>
        ) : (
          <div class="table-scroll" style="overflow-x:auto">
            <table>
              <thead>
                <tr>
                  {props.multi && <th>Site</th>}
                  <th>When</th>
                  <th>Package</th>
                  <th>Wasted</th>
                  <th>Reason</th>
                  <th>Method</th>
                  <th>By</th>
                  <th>Witness</th>
                  <th>Door</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {props.wastes.map((w) => (
                  <tr
                    data-waste={w.id}
                    data-label={w.label}
                    data-state={w.state}
                    class={w.state === "refused" ? "ws-refused" : ""}
                  >
                    {props.multi && <td>{w.site}</td>}
                    <td>{facilityTime(w.at, props.zone)}</td>
                    <td>
                      <a href={`/packages/${w.label}${props.multi ? `?site=${encodeURIComponent(w.site)}` : ""}`}>
                        {w.label}
                      </a>
                      {w.itemName ? <div class="muted">{w.itemName}</div> : null}
                    </td>
                    <td class="ws-num">
                      {w.quantity} {w.unit}
                      <div class="muted">{w.netGrams.toFixed(2)} g net</div>
                    </td>
                    <td>
                      {w.reason}
                      {w.note ? <div class="muted">{w.note}</div> : null}
                    </td>
                    <td>{w.wasteMethod ?? "—"}</td>
                    <td>{w.employee ?? "—"}</td>
                    <td class="ws-witness">{w.witness}</td>
                    <td class={w.doorSessionId ? "" : "ws-closed"}>{w.doorSessionId ? "open" : "door closed"}</td>
                    <td class={w.state === "refused" ? "ws-refusal" : ""}>{outcome(w)}</td>
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
