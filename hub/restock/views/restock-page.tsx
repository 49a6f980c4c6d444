import type { Permits } from "#hub/web/permits.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { FloorStock } from "../low-stock.js";
import type { OpenRequest } from "../requests.js";

const CSS = `
.rs-pick{font-family:ui-monospace,monospace}
.rs-short{color:#a4262c;font-weight:600}
.rs-low{background:#fdf0f0}
.rs-said{padding:.5rem .75rem;border-radius:4px;margin:.5rem 0}
.rs-said.ok{background:#e8f5ec;color:#1b5e33}.rs-said.error{background:#fdf0f0;color:#a4262c;font-weight:600}
.rs-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.rs-form label{display:flex;flex-direction:column;font-size:.85rem}
`;

function Said(props: { said: { error?: string; ok?: string } }) {
  if (props.said.error)
    return (
      <p class="rs-said error" role="alert" data-said="error">
        Not done: {props.said.error}
      </p>
    );
  return props.said.ok ? (
    <p class="rs-said ok" role="status" data-said="ok">
      {props.said.ok}
    </p>
  ) : (
    ""
  );
}

function OpenTable(props: { open: OpenRequest[]; zone: string; q: string; permits: Permits }) {
  if (props.open.length === 0) return <p class="muted">No restock request is open.</p>;
  return (
    <table id="rs-open">
      <thead>
        <tr>
          <th>Asked</th>
          <th>By</th>
          <th>Item</th>
          <th>Asked for</th>
          <th>Pick, in this order (FEFO/FIFO)</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.open.flatMap((o) =>
          o.request.lines.map((l, i) => (
            <tr data-request={o.request.requestId} data-item={l.itemId} data-origin={o.request.origin}>
              <td>{i === 0 ? facilityTime(o.request.requestedAt, props.zone) : ""}</td>
              <td>{i === 0 ? `${o.request.requestedBy} (${o.request.origin})` : ""}</td>
              <td>{l.itemName}</td>
              <td>
                {l.quantity} {l.unit}
                {o.picked.some((p) => p.itemId === l.itemId)
                  ? ` · ${o.picked.filter((p) => p.itemId === l.itemId).length} picked`
                  : ""}
              </td>
              <td>
                {l.picks.map((p) => (
                  <div class="rs-pick" data-pick={p.label}>
                    {p.label} · {p.location} · {p.quantity} {p.unit} ·{" "}
                    {p.expirationDate ? `expires ${p.expirationDate}` : "no expiry"}
                  </div>
                ))}
                {l.short ? <div class="rs-short">{`${l.short} ${l.unit} short: the vault holds no more`}</div> : ""}
              </td>
              <td>
                {i === 0 && props.permits("POST", `/restock/requests/${o.request.requestId}/cancel`) ? (
                  <form method="post" action={`/restock/requests/${o.request.requestId}/cancel${props.q}`}>
                    <button type="submit" data-action="cancel">
                      Withdraw
                    </button>
                  </form>
                ) : (
                  ""
                )}
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function AskForm(props: { items: Array<{ id: string; name: string; unit: string }>; q: string }) {
  const row = (n: number) => (
    <>
      <label>
        Item {n}
        <select name="itemId">
          <option value="">—</option>
          {props.items.map((i) => (
            <option value={i.id}>{`${i.name} (${i.unit})`}</option>
          ))}
        </select>
      </label>
      <label>
        Quantity
        <input name="quantity" inputmode="decimal" size={6} />
      </label>
    </>
  );
  return (
    <form class="rs-form" id="rs-ask" method="post" action={`/restock/requests${props.q}`}>
      {row(1)}
      {row(2)}
      {row(3)}
      <label>
        Note
        <input name="note" maxlength={500} />
      </label>
      <button type="submit" data-action="ask">
        Ask for restock
      </button>
    </form>
  );
}

function FloorTable(props: { floor: FloorStock[]; q: string; canSet: boolean }) {
  return (
    <table id="rs-floor">
      <thead>
        <tr>
          <th>Item</th>
          <th>On the floor</th>
          <th>Minimum</th>
          <th>Restock up to</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.floor.map((s) => (
          <tr
            data-item={s.itemId}
            class={s.minimum !== null && s.onFloor < s.minimum ? "rs-low" : ""}
            data-on-floor={String(s.onFloor)}
          >
            <td>{s.itemName}</td>
            <td>
              {s.onFloor} {s.unit}
              {s.requested ? " · restock asked" : ""}
            </td>
            {props.canSet ? (
              <td colspan={3}>
                <form class="rs-form" method="post" action={`/restock/minimums${props.q}`}>
                  <input type="hidden" name="itemId" value={s.itemId} />
                  <input
                    name="minimum"
                    value={s.minimum === null ? "" : String(s.minimum)}
                    size={6}
                    aria-label="Minimum"
                  />
                  <input
                    name="refillTo"
                    value={s.refillTo === null ? "" : String(s.refillTo)}
                    size={6}
                    aria-label="Restock up to"
                  />
                  <button type="submit" data-action="set-minimum">
                    Save
                  </button>
                </form>
              </td>
            ) : (
              <>
                <td>{s.minimum ?? "—"}</td>
                <td>{s.refillTo ?? "—"}</td>
                <td></td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GET /restock: what the floor asked for, how to ask, and the floor minimums. */
export function RestockPage(props: {
  open: OpenRequest[];
  floor: FloorStock[];
  items: Array<{ id: string; name: string; unit: string }>;
  zone: string;
  q: string;
  said: { error?: string; ok?: string };
  permits: Permits;
}) {
  return (
    <>
      <style>{CSS}</style>
      <Said said={props.said} />
      <section class="panel">
        <h2>Open restock requests</h2>
        <TimeZoneNote zone={props.zone} />
        <OpenTable open={props.open} zone={props.zone} q={props.q} permits={props.permits} />
      </section>
      {props.permits("POST", "/restock/requests") ? (
        <section class="panel">
          <h2>Ask for a restock</h2>
          <AskForm items={props.items} q={props.q} />
        </section>
      ) : (
        ""
      )}
      <section class="panel">
        <h2>Floor stock and minimums</h2>
        <p class="muted">
          Under its minimum, an item gets a restock request by itself (checked after moves, POS imports and state-system
          syncs). An empty minimum removes it.
        </p>
        <FloorTable floor={props.floor} q={props.q} canSet={props.permits("POST", "/restock/minimums")} />
      </section>
    </>
  );
}
