import { receiveIds } from "./ids.js";
import { lineFlags, type LineProgress, type ReceivingState } from "../machine.js";

/** Rows shown at most; a 1,000-package manifest lists what needs attention first. */
export const LINES_SHOWN = 80;

type RowState = "attention" | "waiting" | "decided";

function rowState(p: LineProgress): RowState {
  if (p.decision) return "decided";
  return p.scans > 0 || !p.line ? "attention" : "waiting";
}

/** Sort rank: flagged lines waiting for a decision first, then scanned, waiting, decided. */
function rank(p: LineProgress, st: RowState): number {
  if (st === "attention") return lineFlags(p).length > 0 ? 0 : 1;
  return st === "waiting" ? 2 : 3;
}

/** The lines, those needing a decision first (flagged and unexpected on top), then waiting, then decided. */
export function ReceiveLines({ state }: { state: ReceivingState }) {
  const rows = state.order
    .map((label) => state.lines[label]!)
    .map((p) => {
      const st = rowState(p);
      return { p, st, r: rank(p, st) };
    });
  rows.sort((a, b) => a.r - b.r);
  const shown = rows.slice(0, LINES_SHOWN);
  return (
    <>
      <ol class="rx-list">
        {shown.map(({ p, st }) => {
          const flags = lineFlags(p);
          return (
            <li
              class={`rx-row rx-row-${st}${p.label === state.current ? " rx-row-current" : ""}${flags.length > 0 ? " rx-row-flagged" : ""}`}
              data-line-label={p.label}
              data-line-state={st}
              data-decision={p.decision?.decision ?? ""}
              data-flags={flags.join(" ")}
              data-unexpected={p.line ? "false" : "true"}
              hx-post={`/receive/lines/${p.label}/select`}
              hx-target={`#${receiveIds.lineNotice}`}
            >
              <span class="rx-row-tag">…{p.label.slice(-8)}</span>
              <span class="rx-row-item">{p.line?.itemName ?? "NOT ON MANIFEST"}</span>
              <span class="rx-row-state">
                {p.decision
                  ? p.decision.decision === "reject"
                    ? "rejected"
                    : "accepted"
                  : p.scans > 0
                    ? "scanned"
                    : ""}
              </span>
            </li>
          );
        })}
      </ol>
      {rows.length > shown.length ? (
        <p class="rx-more">{rows.length - shown.length} more lines decided or waiting</p>
      ) : (
        ""
      )}
    </>
  );
}
