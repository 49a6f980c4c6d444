import type { Item } from "#contract/domain.js";
import type { RestockRequest } from "#contract/restock.js";
import { facilityDateTime } from "#contract/facility-time.js";
import { openRequest, remaining, shortTag, type RestockState } from "../machine.js";

/** Swap target of the restock screen; its SSE event on /restock/events has the same name. */
export const restockIds = { screen: "rs-screen" } as const;

export interface ScreenProps {
  state: RestockState;
  /** Why the person may not pick, when they may not (the screen then asks them to sign in). */
  locked: string | null;
  asked: ReadonlyArray<{ requestId: string; at: string; what: string }>;
  timeZone: string;
  /** A tap's refusal, shown where it was tapped, with the bad tone. */
  notice?: string | undefined;
  /** Play the verdict's tone (a fresh scan); a quiet redraw does not. */
  sound?: boolean;
}

const post = (path: string, vals?: Record<string, string>) => ({
  "hx-post": `/restock/${path}`,
  "hx-target": `#${restockIds.screen}`,
  "hx-swap": "innerHTML",
  ...(vals ? { "hx-vals": JSON.stringify(vals) } : {}),
});

function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <div class="rs-notice" role="alert" data-notice="refused">
      {text}
      <audio src="/restock/tone/bad.wav" autoplay />
    </div>
  ) : (
    <></>
  );
}

function RequestList(p: ScreenProps) {
  const open = p.state.requests.filter((r) => !p.state.finished.includes(r.requestId));
  return (
    <div class="rs-list">
      <div class="rs-bar">
        <h2>Restock the floor</h2>
        <a class="rs-btn" href="/restock/ask" data-action="ask">
          Ask for a restock
        </a>
        <a class="rs-btn" href="/">
          Home
        </a>
      </div>
      <Notice text={p.notice} />
      {open.length === 0 ? <p class="rs-empty">No restock request is open.</p> : ""}
      <div class="rs-requests">
        {open.map((r) => (
          <button
            class="rs-request"
            data-request={r.requestId}
            data-origin={r.origin}
            {...post("open", { requestId: r.requestId })}
          >
            <b>{r.lines.map((l) => l.itemName).join(", ")}</b>
            <span>
              {r.requestedBy} · {facilityDateTime(r.requestedAt, p.timeZone)} · {r.lines.length} item
              {r.lines.length === 1 ? "" : "s"}
            </span>
          </button>
        ))}
        {p.asked.map((a) => (
          <div class="rs-request rs-asked" data-asked={a.requestId}>
            <b>{a.what}</b>
            <span>asked here: waiting for the hub's pick list</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Verdict({ state, sound }: { state: RestockState; sound: boolean }) {
  const v = state.verdict;
  if (!v) return <div class="rs-verdict rs-verdict-none">Scan each package on the list.</div>;
  return (
    <div
      class={`rs-verdict rs-verdict-${v.tone}`}
      role={v.tone === "ok" ? "status" : "alert"}
      data-verdict={v.tone}
      data-label={v.label}
      data-expected={v.expectedLabel ?? ""}
    >
      <span class="rs-verdict-text">{v.text}</span>
      {state.offer ? (
        <span class="rs-offer">
          <button
            class="rs-btn rs-btn-warn"
            data-action="override"
            data-reason="first-damaged"
            {...post("override", { reason: "first-damaged" })}
          >
            Take it: first is damaged
          </button>
          <button
            class="rs-btn rs-btn-warn"
            data-action="override"
            data-reason="first-not-found"
            {...post("override", { reason: "first-not-found" })}
          >
            Take it: first not found
          </button>
          <button class="rs-btn" data-action="dismiss" {...post("dismiss")}>
            Put it back
          </button>
        </span>
      ) : (
        ""
      )}
      {sound ? <audio src={`/restock/tone/${v.tone}.wav`} autoplay /> : ""}
    </div>
  );
}

function Lines({ state, r }: { state: RestockState; r: RestockRequest }) {
  const picked = state.picked[r.requestId] ?? [];
  return (
    <div class="rs-lines">
      {r.lines.map((l) => {
        const mine = picked.filter((p) => p.itemId === l.itemId);
        const left = remaining(state, r, l.itemId);
        const done = mine.reduce((n, p) => n + p.quantity, 0);
        return (
          <div class="rs-line" data-item={l.itemId} data-done={String(left.length === 0)}>
            <div class="rs-line-head">
              <b>{l.itemName}</b>
              <span>
                {done} of {l.quantity} {l.unit}
                {l.short ? ` · vault short ${l.short}` : ""}
              </span>
            </div>
            {mine.map((p) => (
              <div class="rs-pick rs-pick-done" data-pick={p.label} data-state="picked">
                <span class="rs-tag">✓ {shortTag(p.label)}</span>
                <span>{p.fromLocation}</span>
                <span>
                  {p.quantity} {p.unit}
                </span>
                <span>{p.override ? `instead of ${shortTag(p.override.expectedLabel)}` : "picked"}</span>
              </div>
            ))}
            {left.map((p, i) => (
              <div
                class={`rs-pick${i === 0 ? " rs-pick-next" : ""}`}
                data-pick={p.label}
                data-state={i === 0 ? "next" : "to-pick"}
              >
                <span class="rs-tag">{shortTag(p.label)}</span>
                <span class="rs-loc">{p.location}</span>
                <span>
                  {p.quantity} {p.unit}
                </span>
                <span>{p.expirationDate ? `exp ${p.expirationDate}` : `pkg ${p.packagedDate}`}</span>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

/** The restock screen: the request list, or the open request's pick list with the last scan's verdict. */
export function RestockScreen(p: ScreenProps) {
  if (p.locked)
    return (
      <div class="rs-locked" data-locked>
        <Notice text={p.notice} />
        <p>{p.locked}</p>
        <a class="rs-btn" href="/restock/ask" data-action="ask">
          Ask for a restock
        </a>
      </div>
    );
  const r = openRequest(p.state);
  if (!r) return <RequestList {...p} />;
  return (
    <div class="rs-open" data-request={r.requestId}>
      <div class="rs-bar">
        <h2>
          {r.requestedBy} · {facilityDateTime(r.requestedAt, p.timeZone)}
        </h2>
        <button class="rs-btn rs-btn-go" data-action="finish" {...post("finish")}>
          Finish
        </button>
        <button class="rs-btn" data-action="back" {...post("close")}>
          Back
        </button>
      </div>
      <Notice text={p.notice} />
      <Verdict state={p.state} sound={p.sound ?? false} />
      <Lines state={p.state} r={r} />
    </div>
  );
}

/** GET /restock/ask: choose an item and how many (the hub answers with the pick list). */
export function AskForm(p: { items: readonly Item[]; notice?: string | undefined; sent?: boolean }) {
  return (
    <form class="rs-ask" hx-post="/restock/ask" hx-target="this" hx-swap="outerHTML">
      <h2>Ask for a restock</h2>
      {p.sent ? (
        <p class="rs-sent" role="status" data-sent>
          Asked: the coordinator gets the pick list.
        </p>
      ) : (
        ""
      )}
      <Notice text={p.notice} />
      <select name="itemId" class="rs-select" aria-label="Item">
        <option value="">Choose the item</option>
        {p.items.map((i) => (
          <option value={i.id}>{i.name}</option>
        ))}
      </select>
      <div class="rs-qty">
        {[1, 2, 5, 10, 20].map((n) => (
          <label class="rs-btn rs-qty-btn">
            <input type="radio" name="quantity" value={String(n)} /> {n}
          </label>
        ))}
      </div>
      <div class="rs-bar">
        <button class="rs-btn rs-btn-go" type="submit" data-action="send-ask">
          Send
        </button>
        <a class="rs-btn" href="/restock">
          Back
        </a>
      </div>
    </form>
  );
}
