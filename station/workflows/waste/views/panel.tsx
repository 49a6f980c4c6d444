import type { AdjustmentReasonsPayload } from "#contract/vault-ops.js";
import { amount } from "../../vault-kit/package-info.js";
import { CountForm, WitnessPad } from "../../vault-kit/views/pads.js";
import { PanelFrame } from "../../vault-kit/views/panel-frame.js";
import type { WasteView } from "../service.js";

/** Swap target of the waste screen; its SSE event on /waste/events has the same name. */
export const wasteIds = { panel: "ws-panel" } as const;
const target = `#${wasteIds.panel}`;

const NOTES = ["Mould", "Damaged", "Expired", "Contaminated", "Spilled"] as const;

function Steps({ step }: { step: WasteView["step"] }) {
  const order = [
    ["package", "1 Package"],
    ["weigh", "2 Weigh"],
    ["reason", "3 Reason"],
    ["witness", "4 Witness"],
  ] as const;
  const at = step === "units" ? "weigh" : step;
  return (
    <div class="vo-steps">
      {order.map(([k, label]) => (
        <span class={k === at ? "on" : ""}>{label}</span>
      ))}
    </div>
  );
}

function PackageFacts({ v }: { v: WasteView }) {
  const p = v.state.pkg!;
  return (
    <p class="vo-facts" data-label={p.label}>
      <span>
        <b>{p.itemName}</b>
      </span>
      <span>{p.label}</span>
      <span>on hand {amount(p.quantity, p.unit)}</span>
      <span>{p.location}</span>
    </p>
  );
}

function Weigh({ v }: { v: WasteView }) {
  const p = v.state.pkg!;
  const r = v.reading;
  return (
    <>
      <p class="vo-big">
        Put the waste on the scale{p.tareGrams > 0 ? ` in its container (tare ${p.tareGrams} g)` : ""}.
      </p>
      <p class={`vo-reading ${r && !r.stable ? "unstable" : ""}`} data-reading>
        {r ? `${r.grams.toFixed(2)} g${r.stable ? "" : " …"}` : "— g"}
      </p>
    </>
  );
}

function Weighed({ v }: { v: WasteView }) {
  const w = v.state.weighing!;
  const q = v.state.quantity;
  return (
    <p class="vo-facts" data-weighed={String(w.netGrams)}>
      <span>
        Net <b>{w.netGrams.toFixed(2)} g</b> ({w.grossGrams} g − {w.tareGrams} g tare)
      </span>
      {q !== null ? (
        <span>
          Wasting <b>{amount(q, v.state.pkg!.unit)}</b>
        </span>
      ) : null}
    </p>
  );
}

function ReasonForm({ reasons, draft }: { reasons: AdjustmentReasonsPayload; draft: WasteView["draft"] }) {
  if (reasons.reasons.length === 0)
    return (
      <p class="vo-refusal">
        The hub has not sent the state's adjustment reasons yet: wait for the hub link, then try again.
      </p>
    );
  return (
    <form id="ws-reason-form" class="vo-reason" hx-post="/waste/reason" hx-target={target}>
      <div class="vo-choices">
        {reasons.reasons.map((r) => (
          <label class="vo-choice">
            <input type="radio" name="reason" value={r.name} data-reason={r.name} checked={draft.reason === r.name} />
            <span>
              {r.name}
              {r.requiresWasteWeight ? " · weight + method" : r.requiresNote ? " · note" : ""}
            </span>
          </label>
        ))}
      </div>
      <p class="vo-label">Note (the state asks for one with some reasons)</p>
      <div class="vo-choices">
        {NOTES.map((n) => (
          <label class="vo-choice">
            <input type="radio" name="notePick" value={n} checked={draft.notePick === n} />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <input
        class="vo-input"
        name="note"
        maxlength={400}
        placeholder="or type a note"
        aria-label="Note"
        value={draft.note ?? ""}
      />
      <p class="vo-label">Waste method (made unusable how)</p>
      <div class="vo-choices">
        {reasons.wasteMethods.map((m) => (
          <label class="vo-choice">
            <input type="radio" name="method" value={m} data-method={m} checked={draft.method === m} />
            <span>{m}</span>
          </label>
        ))}
      </div>
    </form>
  );
}

function Witness({ v }: { v: WasteView }) {
  const r = v.state.reason!;
  return (
    <div class="vo-cols">
      <div>
        <PackageFacts v={v} />
        <Weighed v={v} />
        <p class="vo-facts">
          <span>
            Reason <b>{r.name}</b>
          </span>
          {r.note ? <span>“{r.note}”</span> : null}
          {r.method ? <span>method {r.method}</span> : null}
        </p>
      </div>
      {v.pad ? (
        <WitnessPad name={v.pad.name} digits={v.pad.digits} action="/waste/witness/key" target={target} />
      ) : (
        <p class="vo-big" data-wants="witness-badge">
          Second employee: scan your badge to witness this waste.
        </p>
      )}
    </div>
  );
}

function Done({ v }: { v: WasteView }) {
  const s = v.state;
  return (
    <>
      <p class="vo-ok" data-done={s.wasteId ?? ""}>
        Wasted {amount(s.quantity!, s.pkg!.unit)} of {s.pkg!.itemName} ({s.reason!.name}), witnessed by{" "}
        {s.witness!.name}. Sent to the hub.
      </p>
      <ul class="vo-list">
        {v.jobs.map((j) => (
          <li data-job={j.state}>
            Waste label {j.label}: {j.state}
            {j.error ? ` (${j.error})` : ""}
          </li>
        ))}
      </ul>
      <button class="vo-btn vo-btn-go" hx-post="/waste/next" hx-target={target} data-action="next">
        Waste another package
      </button>
    </>
  );
}

function Body({ v }: { v: WasteView }) {
  if (!v.mayWaste && v.step !== "done")
    return <p class="vo-big">Sign in with your badge to waste (coordinators and managers).</p>;
  switch (v.step) {
    case "package":
      return (
        <>
          <p class="vo-big">Scan the package to waste.</p>
          <form class="vo-form" hx-post="/waste/package" hx-target={target}>
            <input
              class="vo-input"
              name="tag"
              autocomplete="off"
              placeholder="or type its tag"
              aria-label="Tag"
              maxlength={64}
            />
            <button class="vo-btn" type="submit" data-action="package">
              Use this tag
            </button>
          </form>
        </>
      );
    case "weigh":
      return (
        <>
          <PackageFacts v={v} />
          <Weigh v={v} />
        </>
      );
    case "units":
      return (
        <>
          <PackageFacts v={v} />
          <Weighed v={v} />
          <p class="vo-big">How many units are wasted?</p>
          <CountForm action="/waste/units" target={target} label="Units wasted" max={v.state.pkg!.quantity} />
        </>
      );
    case "reason":
      return (
        <>
          <PackageFacts v={v} />
          <Weighed v={v} />
          <ReasonForm reasons={v.reasons} draft={v.draft} />
        </>
      );
    case "witness":
      return <Witness v={v} />;
    case "done":
      return <Done v={v} />;
  }
}

/** The part swapped into `#ws-panel`: the steps, a refusal (with the bad tone when `sound`), and the current step. */
export function WastePanel({ v, sound }: { v: WasteView; sound: boolean }) {
  const cancellable = v.step !== "package" && v.step !== "done";
  return (
    <PanelFrame
      step={v.step}
      steps={<Steps step={v.step} />}
      actions={
        <>
          {v.step === "reason" || v.step === "witness" || v.step === "units" ? (
            <button class="vo-btn" hx-post="/waste/reweigh" hx-target={target} data-action="reweigh">
              Reweigh
            </button>
          ) : null}
          {v.step === "reason" && v.reasons.reasons.length > 0 ? (
            <button class="vo-btn vo-btn-go" type="submit" form="ws-reason-form" data-action="reason">
              Next ▶
            </button>
          ) : null}
        </>
      }
      cancel={cancellable ? "/waste/cancel" : null}
      target={target}
      refusal={v.refusal}
      sound={sound}
      body={<Body v={v} />}
    />
  );
}
