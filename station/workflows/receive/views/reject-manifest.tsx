import { progress, type ReceivingState } from "../machine.js";
import { receiveIds } from "./ids.js";

/** Reasons offered for refusing a whole manifest, as buttons (no keyboard on the kiosk). */
export const manifestRejectReasons = [
  "Delivery does not match the manifest",
  "Seals broken or packages tampered with",
  "Wrong destination or not ordered",
  "Transporter or vehicle not as on the manifest",
] as const;

const target = `#${receiveIds.footNotice}`;

function Cancel() {
  return (
    <button class="rx-btn" data-action="cancel" hx-get="/receive/notice/close" hx-target={target}>
      Cancel
    </button>
  );
}

/** What refusing the whole manifest does, in numbers: every package, accepted ones included. */
function consequence(s: ReceivingState): string {
  const p = progress(s);
  const accepted = s.order.filter((l) => s.lines[l]?.decision && s.lines[l]!.decision!.decision !== "reject").length;
  const already = accepted > 0 ? ` ${accepted} already accepted go to quarantine too.` : "";
  return `All ${p.total} packages of manifest ${s.manifest.manifestNumber} go back to ${s.manifest.shipperName}.${already}`;
}

/**
 * Refusing the whole manifest takes two taps and says what it does: first why (a reason), then
 * "Reject all N packages" or Cancel. One stray tap on the foot never refuses a delivery.
 */
export function RejectManifestPanel({ s, reason }: { s: ReceivingState; reason?: string | undefined }) {
  const total = progress(s).total;
  if (!reason) {
    return (
      <div class="rx-reject-panel" role="dialog" data-reject-step="reason" data-packages={String(total)}>
        <b>Reject the whole manifest?</b> <span>{consequence(s)} Why?</span>
        <span class="rx-reject-reasons">
          {manifestRejectReasons.map((r) => (
            <button
              class="rx-btn rx-btn-reject"
              data-action="reject-manifest-reason"
              data-reason={r}
              hx-get={`/receive/reject-manifest?reason=${encodeURIComponent(r)}`}
              hx-target={target}
            >
              {r}
            </button>
          ))}
          <Cancel />
        </span>
      </div>
    );
  }
  return (
    <div class="rx-reject-panel" role="alertdialog" data-reject-step="confirm" data-packages={String(total)}>
      <b>
        Reject all {total} packages: {reason}?
      </b>{" "}
      <span>{consequence(s)}</span>
      <span class="rx-reject-reasons">
        <button
          class="rx-btn rx-btn-reject"
          data-action="reject-manifest"
          hx-post="/receive/reject-manifest"
          hx-vals={JSON.stringify({ reason })}
          hx-target={target}
        >
          Reject all {total} packages
        </button>
        <Cancel />
      </span>
      <audio src="/receive/tone/warn.wav" autoplay />
    </div>
  );
}
