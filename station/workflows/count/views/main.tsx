import type { CountAssignment } from "#contract/counting.js";
import { assignmentOf, itemOf, roundLabels, type CountState, type OpenCount } from "../machine.js";

/** Swap targets of the count screen; their SSE events on /count/events have the same names. */
export const countIds = { main: "ct-main" } as const;

/** What the screen shows: the machine's state, the keypad entry, the last refusal, who is signed in. */
export interface CountView {
  state: CountState;
  entry: string;
  notice: string | null;
  signedIn: { employeeId: string; name: string } | null;
  /** Play the tone of the verdict or refusal (false on a redraw, where it already played). */
  sound: boolean;
  /** Asked before submitting with packages not found. */
  confirm?: { notFound: number } | undefined;
}

const TONE: Record<string, "ok" | "warn" | "bad"> = { "on-list": "ok", again: "warn" };
const packages = (n: number) => `${n} package${n === 1 ? "" : "s"}`;
/** Lines shown in the list: enough to fill the 1024×600 panel; the rest are counted in words. */
const LIST_ROWS = 40;

function CountList(p: { view: CountView }) {
  const { counts, submitted } = p.view.state;
  if (counts.length === 0) return <p class="ct-muted ct-list">No count is assigned to this station now.</p>;
  return (
    <div class="ct-list">
      {counts.map((c) => {
        const waiting = (submitted[c.countSessionId] ?? 0) >= c.round;
        const recount = c.round > 1 ? (c.recount ?? []) : [];
        const firsts = [...new Set(recount.map((r) => r.countedByName ?? r.countedBy))].join(", ");
        return (
          <button
            class="ct-count-btn"
            data-count={c.countSessionId}
            data-round={c.round}
            hx-post="/count/open"
            hx-vals={JSON.stringify({ countSessionId: c.countSessionId })}
            hx-target={`#${countIds.main}`}
            disabled={waiting}
          >
            {c.title} ·{" "}
            {c.round > 1 ? `recount of ${packages(recount.length)} (not by ${firsts})` : packages(c.lines.length)}
            {waiting ? " · submitted, waiting for the hub" : ""}
          </button>
        );
      })}
    </div>
  );
}

function Keypad(p: { entry: string; label: string }) {
  const key = (k: string, text = k) => (
    <button
      class="ct-key"
      hx-post="/count/key"
      hx-vals={JSON.stringify({ key: k })}
      hx-target={`#${countIds.main}`}
      data-key={k}
    >
      {text}
    </button>
  );
  return (
    <>
      <div class="ct-entry" data-entry={p.entry}>
        {p.entry || " "}
      </div>
      <div class="ct-pad">
        {key("7")}
        {key("8")}
        {key("9")}
        {key("back", "⌫")}
        {key("clear", "C")}
        {key("4")}
        {key("5")}
        {key("6")}
        {key(".")}
        {key("0")}
        {key("1")}
        {key("2")}
        {key("3")}
        <button
          class="ct-btn ct-btn-go"
          style="grid-column:span 2"
          data-action="enter"
          hx-post="/count/enter"
          hx-vals={JSON.stringify({ label: p.label })}
          hx-target={`#${countIds.main}`}
          disabled={p.entry === ""}
        >
          Save count
        </button>
      </div>
    </>
  );
}

function Current(p: { a: CountAssignment; o: OpenCount; entry: string }) {
  const label = p.o.current;
  if (!label) return <p class="ct-muted">Scan the next package's tag.</p>;
  const { item, line } = itemOf(p.a, label);
  const weigh = item?.countBy === "weight";
  return (
    <div class="ct-pkg" data-current={label} data-count-by={weigh ? "weight" : "units"}>
      <div class="ct-item">{item?.itemName ?? "Not on this count"}</div>
      <div class="ct-tag">
        {label} · {line?.location ?? "found here"}
      </div>
      {weigh ? (
        <>
          <p>Put the package on the scale{item.unitWeightGrams ? ` (units = net ÷ ${item.unitWeightGrams} g)` : ""}.</p>
          <div>
            <button
              class={`ct-btn${p.o.container === "profile" ? " ct-btn-blue" : ""}`}
              data-action="container-profile"
              hx-post="/count/container"
              hx-vals='{"container":"profile"}'
              hx-target={`#${countIds.main}`}
            >
              In its container ({item.containerTareGrams ?? 0} g)
            </button>{" "}
            <button
              class={`ct-btn${p.o.container === "none" ? " ct-btn-blue" : ""}`}
              data-action="container-none"
              hx-post="/count/container"
              hx-vals='{"container":"none"}'
              hx-target={`#${countIds.main}`}
            >
              No container
            </button>
          </div>
        </>
      ) : (
        <Keypad entry={p.entry} label={label} />
      )}
    </div>
  );
}

function Lines(p: { a: CountAssignment; o: OpenCount }) {
  const labels = roundLabels(p.a);
  // Found ones first, then those still to count, then the counted: only as many as fit are built.
  const rows = p.o.unexpected.slice(0, LIST_ROWS);
  for (const l of labels) if (rows.length < LIST_ROWS && !p.o.counted[l]) rows.push(l);
  for (const l of labels) if (rows.length < LIST_ROWS && p.o.counted[l]) rows.push(l);
  const more = p.o.unexpected.length + labels.length - rows.length;
  return (
    <ul class="ct-lines">
      {rows.map((l) => {
        const c = p.o.counted[l];
        const { item, line } = itemOf(p.a, l);
        const state = c?.unexpected ? "found" : c ? "counted" : "pending";
        return (
          <li data-line={l} data-state={state}>
            <span>
              {item?.itemName ?? "found, not on the list"} <span class="ct-where">{line?.location ?? ""}</span>
            </span>
            <span>
              {c?.pending ? "count it" : c ? `✓ ${c.quantity} ${c.unit === "Each" ? "" : c.unit}` : "…" + l.slice(-5)}
            </span>
          </li>
        );
      })}
      {more > 0 ? <li class="ct-muted">and {more} more</li> : null}
    </ul>
  );
}

function OpenScreen(p: { view: CountView; a: CountAssignment; o: OpenCount }) {
  const { a, o, view } = p;
  const labels = roundLabels(a);
  const counted = labels.filter((l) => o.counted[l]).length;
  const last = o.last;
  const tone = view.notice ? "bad" : last ? (TONE[last.verdict] ?? "bad") : null;
  return (
    <div
      class="ct"
      data-open={a.countSessionId}
      data-round={a.round}
      data-counted={counted}
      data-total={labels.length}
      data-found={o.unexpected.length}
    >
      <div class="ct-top">
        <div class="ct-title">
          {a.title}
          {a.round > 1 ? ` · recount by a different employee` : ""}
        </div>
        <div class="ct-progress">
          {counted} of {labels.length} counted
          {o.unexpected.length ? ` · ${o.unexpected.length} found not on the list` : ""}
        </div>
        <button class="ct-btn ct-btn-go" data-action="submit" hx-post="/count/submit" hx-target={`#${countIds.main}`}>
          Submit
        </button>
      </div>
      {view.notice ? (
        <div class="ct-notice" role="alert" data-notice>
          {view.notice}
        </div>
      ) : last ? (
        <div
          class={`ct-flash ct-v-${last.verdict}`}
          data-verdict={last.verdict}
          data-scan-id={last.scanId ?? ""}
          role={tone === "ok" ? "status" : "alert"}
        >
          {last.text}
        </div>
      ) : null}
      {view.sound && tone ? <audio src={`/count/tone/${tone}.wav`} autoplay /> : null}
      <div class="ct-body">
        <div class="ct-left">
          <Current a={a} o={o} entry={view.entry} />
        </div>
        <div class="ct-right">
          <Lines a={a} o={o} />
        </div>
      </div>
      {view.confirm ? (
        <div class="ct-confirm" data-confirm={view.confirm.notFound}>
          <p>{view.confirm.notFound} packages were not found. Submit them as not found (counted 0)?</p>
          <div>
            <button
              class="ct-btn ct-btn-go"
              data-action="submit-confirmed"
              hx-post="/count/submit"
              hx-vals='{"confirmed":"true"}'
              hx-target={`#${countIds.main}`}
            >
              Yes, submit
            </button>{" "}
            <button class="ct-btn" data-action="cancel" hx-get="/count" hx-target={`#${countIds.main}`}>
              Keep counting
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The count screen's main part: sign in, the assigned counts, or the open count. Never an expected quantity. */
export function CountMain(p: { view: CountView }) {
  const { view } = p;
  if (!view.signedIn)
    return (
      <div class="ct ct-signed-out" data-signed-out>
        <p class="ct-notice">Sign in with your badge to count.</p>
        {view.sound && view.notice ? <audio src="/count/tone/bad.wav" autoplay /> : null}
      </div>
    );
  const o = view.state.open;
  const a = assignmentOf(view.state, o?.countSessionId);
  if (o && a) return <OpenScreen view={view} a={a} o={o} />;
  return (
    <div class="ct">
      {view.notice ? (
        <div class="ct-notice" role="alert" data-notice>
          {view.notice}
        </div>
      ) : null}
      {view.sound && view.notice ? <audio src="/count/tone/bad.wav" autoplay /> : null}
      <CountList view={view} />
    </div>
  );
}
