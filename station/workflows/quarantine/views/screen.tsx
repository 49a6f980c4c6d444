import { quarantineReasons } from "#contract/quarantine.js";
import { offerFor, releaseNotes, type QuarantineState } from "../machine.js";
import type { LabelState } from "../service.js";

/** Swap target of the quarantine screen; its SSE event on /quarantine/events has the same name. */
export const quarantineIds = { screen: "qt-screen" } as const;

const post = (path: string, vals?: Record<string, string>) => ({
  "hx-post": `/quarantine/${path}`,
  "hx-target": `#${quarantineIds.screen}`,
  "hx-swap": "innerHTML",
  ...(vals ? { "hx-vals": JSON.stringify(vals) } : {}),
});

const words = (r: string) => r.replace(/-/g, " ");

function Scanned({ state }: { state: QuarantineState }) {
  const offer = offerFor(state);
  const s = state.scanned;
  if (!s) return <p class="qt-empty">Scan the package to set apart.</p>;
  const f = s.facts;
  return (
    <div class="qt-scanned" data-label={s.label} data-offer={offer}>
      <h2 class="qt-item">
        {f ? f.itemName : "Not in this vault's catalog"} <span class="qt-tag">{s.label}</span>
      </h2>
      {f ? (
        <p class="qt-facts">
          {f.location} · {f.status}
        </p>
      ) : (
        ""
      )}
      {offer === "hold" ? (
        <div class="qt-choices">
          <p class="qt-ask">Why does it go to quarantine?</p>
          {quarantineReasons.map((r) => (
            <button class="qt-btn" data-action="hold" data-reason={r} {...post("hold", { reason: r })}>
              {words(r)}
            </button>
          ))}
        </div>
      ) : offer === "release" ? (
        <div class="qt-choices">
          <p class="qt-ask">In quarantine. Ask a manager to release it, because:</p>
          {releaseNotes.map((n) => (
            <button class="qt-btn" data-action="ask-release" {...post("ask-release", { note: n })}>
              {n}
            </button>
          ))}
        </div>
      ) : (
        <p class="qt-refusal" role="alert">
          {offer === "gone"
            ? "This package is no longer in the vault."
            : "Only packages in this vault's catalog can be quarantined here."}
        </p>
      )}
      <button class="qt-btn qt-btn-plain" data-action="cancel" {...post("cancel")}>
        Cancel
      </button>
    </div>
  );
}

/** The quarantine screen: what was done last, the label's fate, and the scanned package's choices. */
export function QuarantineScreen(p: {
  state: QuarantineState;
  label: LabelState | null;
  locked: string | null;
  notice?: string | undefined;
}) {
  if (p.locked)
    return (
      <div class="qt-locked" data-locked>
        {p.notice ? (
          <div class="qt-refusal" role="alert" data-notice="refused">
            {p.notice}
            <audio src="/static/error.wav" autoplay />
          </div>
        ) : (
          ""
        )}
        <p>{p.locked}</p>
      </div>
    );
  return (
    <div class="qt">
      {p.notice ? (
        <div class="qt-refusal" role="alert" data-notice="refused">
          {p.notice}
          <audio src="/static/error.wav" autoplay />
        </div>
      ) : (
        ""
      )}
      {p.state.done ? (
        <div
          class={`qt-done qt-done-${p.state.done.kind}`}
          role="status"
          data-done={p.state.done.kind}
          data-label={p.state.done.label}
        >
          {p.state.done.text}
        </div>
      ) : (
        ""
      )}
      {p.label ? (
        <div class={`qt-label qt-label-${p.label.state}`} data-label-state={p.label.state}>
          Quarantine label{" "}
          {p.label.state === "printing"
            ? "printing…"
            : p.label.state === "printed"
              ? "printed"
              : `NOT printed: ${p.label.error ?? ""}`}
        </div>
      ) : (
        ""
      )}
      <Scanned state={p.state} />
    </div>
  );
}
