import type { HistoryLine, LookUpResult, LookUpState, PackageFacts } from "../machine.js";

import { DEFAULT_TIME_ZONE, facilityDateTime } from "#contract/facility-time.js";

const dash = (v: string | number | null) => (v === null || v === "" ? "—" : String(v));

/** Where the answer came from, in words the coordinator can act on. */
function SourceNote({ r }: { r: LookUpResult }) {
  if (r.source === "hub")
    return (
      <p class="lu-source lu-source-hub" data-source="hub">
        From the hub's ledger
      </p>
    );
  return (
    <p class="lu-source lu-source-replica" data-source="replica" role="status">
      <b>From this vault's copy</b>, {r.hubNote ?? "hub not answering"}
    </p>
  );
}

function Facts({ f }: { f: PackageFacts }) {
  const rows: Array<[string, string, string]> = [
    ["quantity", "Quantity", f.quantity === null ? "—" : `${f.quantity} ${f.unit ?? ""}`.trim()],
    ["location", "Location", dash(f.location)],
    ["status", "Status", dash(f.status)],
    ["lab", "Lab", dash(f.labState)],
    ["expiry", "Expires", f.expirationDate ?? "no expiry date"],
    ["packaged", "Packaged", dash(f.packagedDate)],
  ];
  return (
    <dl class="lu-facts">
      {rows.map(([key, name, value]) => (
        <div class="lu-fact" data-fact={key}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function History({ r, timeZone }: { r: LookUpResult; timeZone: string }) {
  if (r.source === "replica")
    return <p class="lu-history-none">History is kept on the hub: it shows again once the hub answers.</p>;
  if (r.history.length === 0) return <p class="lu-history-none">No history on the hub yet.</p>;
  return (
    <div class="lu-history-box">
      <p class="lu-history-head">
        Last {r.history.length} of {r.historyTotal} history entries
      </p>
      <ol class="lu-history">
        {r.history.map((h: HistoryLine) => (
          <li data-history-id={h.id}>
            <span class="lu-h-at">{facilityDateTime(h.at, timeZone)}</span>
            <span class="lu-h-type">{h.type}</span>
            <span class="lu-h-detail">{[h.detail, h.stationId].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One looked-up tag: source, item, facts and history. */
export function LookUpAnswer({ r, timeZone = DEFAULT_TIME_ZONE }: { r: LookUpResult; timeZone?: string | undefined }) {
  return (
    <div class="lu-answer" data-label={r.label} data-source={r.source} data-found={String(r.found)}>
      <SourceNote r={r} />
      {r.facts ? (
        <h2 class="lu-item">
          {r.facts.itemName}
          <span class="lu-tag">
            {r.label}
            {r.facts.batch ? ` · batch ${r.facts.batch}` : ""}
          </span>
        </h2>
      ) : (
        <h2 class="lu-item lu-item-none">
          {r.found ? "Seen by the hub, not in the catalog" : "No package with this tag"}
          <span class="lu-tag">{r.label}</span>
        </h2>
      )}
      {r.facts ? <Facts f={r.facts} /> : ""}
      <History r={r} timeZone={timeZone} />
    </div>
  );
}

/**
 * The part swapped into `#lu-result`: a refusal (with the bad tone when `sound`), the tag being
 * looked up, and the last answer. The SSE stream renders it quietly: a scan's bad tone already
 * came with the kiosk banner, and a typed code's with the answer to the tap.
 */
export function LookUpPanel({
  state,
  sound,
  timeZone,
}: {
  state: LookUpState;
  sound: boolean;
  timeZone?: string | undefined;
}) {
  return (
    <>
      {state.refusal ? (
        <div class="lu-refusal" role="alert" data-refusal={state.refusal.code}>
          {state.refusal.text}
          {sound ? <audio src="/static/error.wav" autoplay /> : ""}
        </div>
      ) : (
        ""
      )}
      {state.pending ? (
        <p class="lu-pending" data-pending={state.pending.label}>
          Looking up {state.pending.label}…
        </p>
      ) : (
        ""
      )}
      {state.result ? (
        <LookUpAnswer r={state.result} timeZone={timeZone} />
      ) : state.refusal || state.pending ? (
        ""
      ) : (
        <p class="lu-empty">Scan a package, or type its tag and press Look up.</p>
      )}
    </>
  );
}
