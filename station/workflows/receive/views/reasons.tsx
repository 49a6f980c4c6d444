import type { RejectReason } from "#contract/receiving.js";
import { rejectReasons } from "#contract/receiving.js";
import { reasonWords } from "../decide.js";
import { lineFlags, type LineProgress } from "../machine.js";
import { receiveIds } from "./ids.js";

/**
 * Reasons offered on the line itself: what the station found wrong (failed lab, no COA, short or
 * over weight), and for a package not on the manifest "not ordered" and "wrong tag". Every other
 * reason is one tap away (RejectReasons), so the line's controls fit a 7" screen.
 */
export function directReasons(p: LineProgress): RejectReason[] {
  const found = lineFlags(p);
  return p.line ? found : [...found, ...(found.includes("wrong-tag") ? [] : ["wrong-tag" as const])];
}

/** Every reason, those the station found first; "not ordered" only for a package not on the manifest. */
function reasonOrder(p: LineProgress): RejectReason[] {
  const found = lineFlags(p);
  return [...found, ...rejectReasons.filter((r) => !found.includes(r) && (p.line ? r !== "not-ordered" : true))];
}

export function RejectButton({ label, reason }: { label: string; reason: RejectReason }) {
  return (
    <button
      class="rx-btn rx-btn-reject"
      data-action="reject"
      data-reason={reason}
      hx-post={`/receive/lines/${label}/reject`}
      hx-target={`#${receiveIds.lineNotice}`}
      hx-vals={JSON.stringify({ reason })}
    >
      Reject: {reasonWords[reason]}
    </button>
  );
}

/** All reject reasons for the line, over the screen, with Cancel; a choice decides the line (and closes it). */
export function RejectReasons({ p }: { p: LineProgress }) {
  return (
    <div class="rx-reasons-panel" role="dialog" data-reasons={p.label}>
      <b>Reject {p.line?.itemName ?? "the package not on the manifest"}: why?</b>
      <span class="rx-reasons">
        {reasonOrder(p).map((r) => (
          <RejectButton label={p.label} reason={r} />
        ))}
        <button
          class="rx-btn"
          data-action="cancel"
          hx-get="/receive/notice/close"
          hx-target={`#${receiveIds.lineNotice}`}
        >
          Cancel
        </button>
      </span>
    </div>
  );
}
