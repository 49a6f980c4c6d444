import type { Child } from "hono/jsx";

/**
 * The frame every vault operation's panel shares: the steps and the step's buttons on top, then
 * Cancel (posting to `cancel`, when the operation may still be dropped) and Home, a refusal with
 * the bad tone when `sound`, and the current step's body.
 */
export function PanelFrame(p: {
  step: string;
  steps: Child;
  actions: Child;
  /** The route Cancel posts to; null hides Cancel (nothing started, or already done). */
  cancel: string | null;
  target: string;
  refusal: string | null;
  sound: boolean;
  body: Child;
}) {
  return (
    <div class="vo" data-step={p.step}>
      <div class="vo-top">
        {p.steps}
        {p.actions}
        {p.cancel ? (
          <button class="vo-btn vo-btn-warn" hx-post={p.cancel} hx-target={p.target} data-action="cancel">
            Cancel
          </button>
        ) : null}
        <a class="vo-btn" href="/">
          Home
        </a>
      </div>
      {p.refusal ? (
        <p class="vo-refusal" role="alert">
          {p.refusal}
          {p.sound ? <audio src="/static/error.wav" autoplay /> : ""}
        </p>
      ) : null}
      <div class="vo-body">{p.body}</div>
    </div>
  );
}
