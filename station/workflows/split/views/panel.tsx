import { amount } from "../../vault-kit/package-info.js";
import { CountForm } from "../../vault-kit/views/pads.js";
import { PanelFrame } from "../../vault-kit/views/panel-frame.js";
import { packed, tolerance, unaccounted } from "../machine.js";
import type { SplitView } from "../service.js";

/** Swap target of the split screen; its SSE event on /split/events has the same name. */
export const splitIds = { panel: "sp-panel" } as const;
const target = `#${splitIds.panel}`;

function Steps({ step }: { step: SplitView["step"] }) {
  const order = [
    ["source", "1 Source"],
    ["tag", "2 New packages"],
    ["remaining", "3 Left over"],
    ["confirm", "4 Record"],
  ] as const;
  const at = step === "quantity" ? "tag" : step === "difference" ? "confirm" : step;
  return (
    <div class="vo-steps">
      {order.map(([k, label]) => (
        <span class={k === at ? "on" : ""}>{label}</span>
      ))}
    </div>
  );
}

function Reading({ v }: { v: SplitView }) {
  const r = v.reading;
  return (
    <p class={`vo-reading ${r && !r.stable ? "unstable" : ""}`} data-reading>
      {r ? `${r.grams.toFixed(2)} g${r.stable ? "" : " …"}` : "— g"}
    </p>
  );
}

function NewPackages({ v }: { v: SplitView }) {
  const src = v.state.source!;
  const job = (label: string) => v.jobs.find((j) => j.label === label);
  return (
    <div>
      <p class="vo-facts">
        <span>
          <b>{src.itemName}</b> {src.label}
        </span>
        <span>on hand {amount(src.quantity, src.unit)}</span>
        <span>
          in {v.state.packages.length} new: <b>{amount(packed(v.state), src.unit)}</b>
        </span>
      </p>
      <ul class="vo-list" id="sp-packages">
        {v.state.packages.map((p) => (
          <li data-new-package={p.label} data-label-job={job(p.label)?.state ?? "none"}>
            {p.label}: {amount(p.quantity, src.unit)} · label {job(p.label)?.state ?? "waiting"}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Quantity({ v, what }: { v: SplitView; what: string }) {
  const src = v.state.source!;
  return src.weightBased ? (
    <>
      <p class="vo-big">
        Put {what} on the scale{src.tareGrams > 0 ? ` in its container (tare ${src.tareGrams} g)` : ""}; take it off
        after.
      </p>
      <Reading v={v} />
    </>
  ) : (
    <>
      <p class="vo-big">How many units in {what}?</p>
      <CountForm action="/split/count" target={target} label="Units" />
    </>
  );
}

function DifferenceForm({ v }: { v: SplitView }) {
  const src = v.state.source!;
  const d = unaccounted(v.state)!;
  return (
    <form id="sp-difference-form" class="vo-reason" hx-post="/split/difference" hx-target={target}>
      <p class="vo-big" data-difference={String(d)}>
        {amount(Math.abs(d), src.unit)}{" "}
        {d > 0 ? "left the source but is in no new package" : "more in the new packages than left the source"} (allowed
        ± {amount(tolerance(v.state), src.unit)}). Record it as:
      </p>
      <div class="vo-choices">
        <label class="vo-choice">
          <input type="radio" name="as" value="waste" checked />
          <span>Waste</span>
        </label>
        <label class="vo-choice">
          <input type="radio" name="as" value="adjustment" />
          <span>Adjustment</span>
        </label>
      </div>
      <div class="vo-choices">
        {v.reasons.reasons.map((r) => (
          <label class="vo-choice">
            <input type="radio" name="reason" value={r.name} data-reason={r.name} />
            <span>
              {r.name}
              {r.requiresNote ? " · note" : ""}
            </span>
          </label>
        ))}
      </div>
      <input class="vo-input" name="note" maxlength={400} placeholder="Note (what happened)" aria-label="Note" />
    </form>
  );
}

function Body({ v }: { v: SplitView }) {
  if (!v.mayEdit && v.step !== "done")
    return <p class="vo-big">Sign in with your badge to make packages (coordinators and managers).</p>;
  switch (v.step) {
    case "source":
      return <p class="vo-big">Scan the bulk package to split.</p>;
    case "tag":
      return (
        <>
          <NewPackages v={v} />
          <p class="vo-big">
            Scan a fresh tag for the next new package{v.state.packages.length > 0 ? ", or tap Done adding" : ""}.
          </p>
        </>
      );
    case "quantity":
      return (
        <>
          <NewPackages v={v} />
          <Quantity v={v} what={`package ${v.state.pending}`} />
        </>
      );
    case "remaining":
      return (
        <>
          <NewPackages v={v} />
          <Quantity v={v} what="what is left of the source" />
        </>
      );
    case "difference":
      return (
        <>
          <NewPackages v={v} />
          <DifferenceForm v={v} />
        </>
      );
    case "confirm":
      return (
        <>
          <NewPackages v={v} />
          <p class="vo-big" data-left={String(v.state.remaining)}>
            Left in the source: {amount(v.state.remaining!, v.state.source!.unit)}.
            {v.state.difference
              ? ` Difference recorded as ${v.state.difference.kind}: ${v.state.difference.reason}.`
              : " Within the scale's tolerance."}
          </p>
        </>
      );
    case "done":
      return (
        <>
          <NewPackages v={v} />
          <p class="vo-ok" data-done={v.state.splitId ?? ""}>
            Recorded: {v.state.packages.length} new packages from {v.state.source!.label}. Sent to the hub.
          </p>
        </>
      );
  }
}

/** The buttons of the step, in the top bar so they stay in view on the small panel. */
function Actions({ v }: { v: SplitView }) {
  const btn = (action: string, label: string, cls = "") => (
    <button class={`vo-btn ${cls}`} hx-post={`/split/${action}`} hx-target={target} data-action={action}>
      {label}
    </button>
  );
  switch (v.step) {
    case "tag":
      return v.state.packages.length > 0 ? btn("finish", "Done adding", "vo-btn-go") : null;
    case "remaining":
      return btn("empty", "Source is empty");
    case "difference":
      return (
        <button class="vo-btn vo-btn-go" type="submit" form="sp-difference-form" data-action="difference">
          Record difference
        </button>
      );
    case "confirm":
      return btn("confirm", "Record split", "vo-btn-go");
    case "done":
      return btn("next", "Split another", "vo-btn-go");
    default:
      return null;
  }
}

/** The part swapped into `#sp-panel`: the steps, a refusal (with the bad tone when `sound`), and the current step. */
export function SplitPanel({ v, sound }: { v: SplitView; sound: boolean }) {
  const cancellable = v.step !== "source" && v.step !== "done";
  return (
    <PanelFrame
      step={v.step}
      steps={<Steps step={v.step} />}
      actions={<Actions v={v} />}
      cancel={cancellable ? "/split/cancel" : null}
      target={target}
      refusal={v.refusal}
      sound={sound}
      body={<Body v={v} />}
    />
  );
}
