import type { LabelJob } from "../service.js";
import { progress, undecided, type LineProgress, type ReceivingState, type ScanOutcome } from "../machine.js";
import { verdictWords } from "../rules.js";
import { receiveIds } from "./ids.js";

/** n of N, always in view: manifest packages scanned, decided, unexpected and flagged ones. */
export function ReceiveProgress({ state }: { state: ReceivingState }) {
  const p = progress(state);
  const pct = p.total === 0 ? 0 : Math.round((p.scanned / p.total) * 100);
  return (
    <div
      class="rx-progress"
      data-scanned={String(p.scanned)}
      data-total={String(p.total)}
      data-decided={String(p.decided)}
      data-unexpected={String(p.unexpected)}
      data-flagged={String(p.flagged)}
    >
      <span class="rx-count">
        <b>{p.scanned}</b> of <b>{p.total}</b> scanned
      </span>
      <span class="rx-bar">
        <span class="rx-bar-fill" style={`width:${pct}%`}></span>
      </span>
      <span class="rx-sub">
        {p.decided} decided
        {p.unexpected > 0 ? (
          <>
            {" "}
            · <b class="rx-bad-text">{p.unexpected} not on manifest</b>
          </>
        ) : (
          ""
        )}
        {p.flagged > 0 ? (
          <>
            {" "}
            · <b class="rx-warn-text">{p.flagged} flagged</b>
          </>
        ) : (
          ""
        )}
      </span>
      <CompleteButton open={undecided(state).length} decided={p.decided} />
    </div>
  );
}

/** Complete is offered once every package (manifest and unexpected) has a decision. */
function CompleteButton({ open, decided }: { open: number; decided: number }) {
  return (
    <button
      class="rx-btn rx-btn-complete"
      data-action="complete"
      hx-post="/receive/complete"
      hx-target={`#${receiveIds.notice}`}
      disabled={open > 0}
    >
      {open > 0 ? `Complete (${open} to decide)` : `Complete: ${decided} decided`}
    </button>
  );
}

/**
 * The last scan's verdict, big and coloured, with its tone. `sound` is false when the frame is
 * sent again on reconnect (the tone already played).
 */
export function ReceiveFlash({
  scan,
  line,
  sound,
}: {
  scan: ScanOutcome | null;
  line?: LineProgress | undefined;
  sound: boolean;
}) {
  if (!scan)
    return (
      <div class="rx-flash rx-flash-idle" data-verdict="none">
        Scan each package's METRC tag
      </div>
    );
  const words = verdictWords[scan.verdict];
  return (
    <div
      class={`rx-flash rx-tone-${words.tone}`}
      data-verdict={scan.verdict}
      data-scan-id={scan.scanId}
      role={words.tone === "ok" ? "status" : "alert"}
    >
      <span class="rx-flash-title">{words.title}</span>
      <span class="rx-flash-code">{scan.code}</span>
      <span class="rx-flash-detail">{scan.reason ?? line?.line?.itemName ?? ""}</span>
      {sound ? <audio src={`/receive/tone/${words.tone}.wav`} autoplay /> : ""}
    </div>
  );
}

/** A refusal or a failure, where the tap was made; empty clears it. */
export function ReceiveNotice({ text }: { text?: string | undefined }) {
  if (!text) return <></>;
  return (
    <div class="rx-notice" role="alert" data-notice="refused">
      {text}
      <audio src="/receive/tone/bad.wav" autoplay />
    </div>
  );
}

/**
 * A tap that needs confirming, where it was tapped: the question, the same tap confirmed, and
 * Cancel (which only clears the question). The warning tone, not the bad one: nothing was refused.
 */
export function ReceiveConfirm(p: {
  question: string;
  yes: string;
  post: string;
  vals: Record<string, string>;
  target: string;
}) {
  return (
    <div class="rx-confirm" role="alertdialog" data-notice="confirm">
      <span class="rx-confirm-question">{p.question}</span>
      <span class="rx-confirm-buttons">
        <button
          class="rx-btn rx-btn-accept"
          data-action="confirm"
          hx-post={p.post}
          hx-vals={JSON.stringify({ ...p.vals, confirmed: "true" })}
          hx-target={`#${p.target}`}
        >
          {p.yes}
        </button>
        <button class="rx-btn" data-action="cancel" hx-get="/receive/notice/close" hx-target={`#${p.target}`}>
          Cancel
        </button>
      </span>
      <audio src="/receive/tone/warn.wav" autoplay />
    </div>
  );
}

/** Label jobs of this receiving; a failed one can be sent again. */
export function ReceiveLabels({ jobs }: { jobs: readonly LabelJob[] }) {
  const failed = jobs.filter((j) => j.state === "failed");
  const printed = jobs.filter((j) => j.state === "printed").length;
  return (
    <div class="rx-labels" data-printed={String(printed)} data-failed={String(failed.length)}>
      <span>
        Labels: {printed} printed
        {jobs.length > printed + failed.length ? `, ${jobs.length - printed - failed.length} printing` : ""}
      </span>
      {failed.map((j) => (
        <span class="rx-label-failed" data-label-job={j.id}>
          {j.template} label for …{j.label.slice(-6)} failed: {j.error}
          <button
            class="rx-btn rx-btn-small"
            hx-post={`/receive/labels/${j.id}/reprint`}
            hx-target={`#${receiveIds.footNotice}`}
          >
            Print again
          </button>
        </span>
      ))}
    </div>
  );
}
