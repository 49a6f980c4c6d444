/** Dashboard views for the state system: data in, HTML out; times in the facility's zone (`zone`). */
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { LabResult } from "../port.js";
import type { Submission } from "../store/queue.js";
import type { CheckpointsTable, RequestLogTable, SubmissionState } from "#hub/statesystem/tables.js";
import type { SyncProgress } from "../sync.js";

/** htmx swap targets and SSE event names of this screen. */
export const ssIds = {
  progress: "ss-sync-progress",
  syncNote: "ss-sync-note",
  failed: "ss-failed-writes",
  checkpoints: "ss-checkpoints",
  sseEvent: "sync-progress",
} as const;

/** The page's base path inside the hub's app. */
export const BASE = "/statesystem";

/** One site's screen: `q` is `?site=…` (empty for the first site), carried into every link and request. */
export interface SiteQuery {
  q?: string;
}

/** The site this screen shows, and links to the others, when the hub serves several. */
export function SiteHeading(props: {
  current: { id: string; label: string };
  others: { id: string; label: string }[];
}) {
  return (
    <section class="panel">
      <h2>
        State system of {props.current.label} <span class="muted">({props.current.id})</span>
      </h2>
      {props.others.length > 0 && (
        <p>
          Other sites:{" "}
          {props.others.map((o, i) => (
            <>
              {i > 0 ? " · " : ""}
              <a href={`${BASE}?site=${encodeURIComponent(o.id)}`}>{o.label}</a>
            </>
          ))}
        </p>
      )}
    </section>
  );
}

/** The answer to "Sync now": a note next to the button, and the progress bar swapped out of band. */
export function SyncStarted(props: { p: SyncProgress; zone: string }) {
  return (
    <>
      <span class="muted" data-sync-started>
        Sync started.
      </span>
      <SyncProgressBar p={props.p} zone={props.zone} oob />
    </>
  );
}

export function SyncProgressBar(props: { p: SyncProgress; zone: string; oob?: boolean }) {
  const { p } = props;
  const pct = p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  return (
    <div id={ssIds.progress} class="sync-progress" {...(props.oob ? { "hx-swap-oob": "outerHTML" } : {})}>
      <progress max={100} value={p.running ? pct : p.finishedAt ? 100 : 0}>
        {pct}%
      </progress>
      <span>
        {p.running
          ? ` Syncing ${p.entity ?? "…"} — ${p.done} of ${p.total} parts, ${p.records.toLocaleString("en-US")} records`
          : p.finishedAt
            ? ` Last sync finished ${facilityTime(p.finishedAt, props.zone)}: ${p.records.toLocaleString("en-US")} records${p.error ? "" : ", no errors"}`
            : " No sync has run since the hub started."}
      </span>
      {p.error && <p class="warn">{p.error}</p>}
    </div>
  );
}

export function SyncPanel(props: { p: SyncProgress; checkpoints: CheckpointsTable[]; zone: string } & SiteQuery) {
  const q = props.q ?? "";
  return (
    <section class="panel" hx-ext="sse" sse-connect={`${BASE}/sync/events${q}`}>
      <h2>Sync from the state system</h2>
      {/* The answer lands next to the button: "started", or why not (an auditor's 403). */}
      <form hx-post={`${BASE}/sync${q}`} hx-target={`#${ssIds.syncNote}`} hx-swap="innerHTML" data-refusals>
        <button type="submit" data-action="sync-now">
          Sync now
        </button>{" "}
        <span id={ssIds.syncNote} aria-live="polite"></span>
      </form>
      <div sse-swap={ssIds.sseEvent} hx-target={`#${ssIds.progress}`} hx-swap="outerHTML">
        <SyncProgressBar p={props.p} zone={props.zone} />
      </div>
      <Checkpoints checkpoints={props.checkpoints} q={q} zone={props.zone} />
    </section>
  );
}

/** Each synced part: how far it has read, when it last ran, its last error. Refreshes itself. */
export function Checkpoints(props: { checkpoints: CheckpointsTable[]; zone: string } & SiteQuery) {
  return (
    <table
      id={ssIds.checkpoints}
      hx-get={`${BASE}/parts/checkpoints${props.q ?? ""}`}
      hx-trigger="every 5s"
      hx-swap="outerHTML"
    >
      <thead>
        <tr>
          <th>What</th>
          <th>Read up to</th>
          <th>Last run</th>
          <th>Last error</th>
        </tr>
      </thead>
      <tbody>
        {props.checkpoints.length === 0 && (
          <tr>
            <td colspan={4} class="muted">
              Nothing synced yet.
            </td>
          </tr>
        )}
        {props.checkpoints.map((c) => (
          <tr>
            <td>{c.entity}</td>
            <td>{facilityTime(c.checkpoint, props.zone)}</td>
            <td>{facilityTime(c.last_run_at, props.zone)}</td>
            <td class={c.last_error ? "warn" : ""}>{c.last_error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describe(s: Submission): string {
  const w = s.write;
  switch (w.kind) {
    case "adjustment":
      return `Adjust ${w.label} by ${w.quantity} ${w.unit} (${w.reason})`;
    case "location-move":
      return `Move ${w.label} to ${w.location}`;
    case "note":
      return `Note on ${w.label}`;
    case "finish":
      return `Finish ${w.label}`;
    case "unfinish":
      return `Unfinish ${w.label}`;
    case "receipt":
      return `Sale ${w.externalNumber} (${w.lines.length} lines)`;
    case "receipt-void":
      return `Void sale ${w.externalNumber}`;
    case "package-create":
      return `New packages ${w.packages.map((p) => p.label).join(", ")} from ${w.label}`;
  }
}

/**
 * METRC wants sales reported within 24 hours (state rules, e.g. California's); a write still
 * waiting after `OVERDUE_HOURS` is shown before that deadline passes.
 */
export const OVERDUE_HOURS = 20;

export interface WritesPanelProps extends SiteQuery {
  failed: Submission[];
  /** The state's adjustment reasons (synced), offered when correcting a refused adjustment. */
  reasons: string[];
  /** A form problem per submission id, after a 422. */
  errors?: Record<string, string>;
  overdue: Submission[];
  counts: Record<SubmissionState, number>;
  /** The state system refused our keys or license (latest sync or write). */
  authProblem: string | null;
  /** The signed-in person may retry, resolve and correct writes; without it the table only reads. */
  act?: boolean;
  /** FACILITY_TIME_ZONE, for the times shown. */
  zone: string;
}

export function FailedWrites(props: WritesPanelProps) {
  const c = props.counts;
  const act = props.act ?? true;
  return (
    <section
      id={ssIds.failed}
      class="panel"
      hx-get={`${BASE}/parts/failed${props.q ?? ""}`}
      hx-swap="outerHTML"
      hx-trigger="every 10s [document.activeElement.tagName !== 'INPUT' && document.activeElement.tagName !== 'SELECT']"
    >
      <h2>Writes to the state system</h2>
      {props.authProblem && (
        <p class="warn banner">
          The state system refuses our API keys or license: {props.authProblem} — <strong>IT / installer</strong>: renew
          the user key (keys lapse) and check the user's permissions, then retry the failed writes.
        </p>
      )}
      <p>
        {c.pending} waiting · {c.sent} sent, answer pending · {c.confirmed} confirmed ·{" "}
        <strong class={c.failed ? "warn" : ""}>{c.failed} failed</strong> · {c.resolved} resolved
      </p>
      {props.overdue.length > 0 && (
        <p class="warn">
          {props.overdue.length} writes queued more than {OVERDUE_HOURS} h ago are not accepted yet (the state wants
          sales within 24 h): {props.overdue.slice(0, 5).map(describe).join("; ")}. <strong>Compliance officer</strong>:
          if the state system is down, record them as its outage procedure says.
        </p>
      )}
      {props.failed.length === 0 ? (
        <p class="muted">No failed writes.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Write</th>
              <th>What the state system said</th>
              <th>What to do</th>
              <th>Who</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {props.failed.map((s) => (
              <tr>
                <td>
                  {describe(s)}
                  {s.label && (
                    <>
                      {" "}
                      · <a href={`${BASE}/packages/${s.label}${props.q ?? ""}`}>requests</a>
                    </>
                  )}
                  <br />
                  <small class="muted">queued {facilityTime(s.createdAt, props.zone)}</small>
                </td>
                <td>{s.errorMessage}</td>
                <td>
                  {s.remedy}
                  {act && s.write.kind === "adjustment" && (
                    <AmendForm s={s} reasons={props.reasons} error={props.errors?.[s.id]} />
                  )}
                </td>
                <td>
                  <strong>{s.remedyOwner}</strong>
                </td>
                <td>
                  {act && (
                    <button
                      hx-post={`${BASE}/submissions/${s.id}/retry`}
                      hx-target={`#${ssIds.failed}`}
                      hx-swap="outerHTML"
                    >
                      Retry
                    </button>
                  )}
                  {act && (
                    <button
                      hx-post={`${BASE}/submissions/${s.id}/resolve`}
                      hx-target={`#${ssIds.failed}`}
                      hx-swap="outerHTML"
                    >
                      Mark resolved
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Sends a refused adjustment again with another reason and/or a note; the refused one is resolved. */
function AmendForm(props: { s: Submission; reasons: string[]; error?: string | undefined }) {
  const w = props.s.write;
  if (w.kind !== "adjustment") return null;
  const reasons = props.reasons.includes(w.reason) ? props.reasons : [w.reason, ...props.reasons];
  return (
    <form
      class="amend"
      hx-post={`${BASE}/submissions/${props.s.id}/amend`}
      hx-target={`#${ssIds.failed}`}
      hx-swap="outerHTML"
    >
      <select name="reason">
        {reasons.map((r) => (
          <option value={r} selected={r === w.reason}>
            {r}
          </option>
        ))}
      </select>
      <input name="note" value={w.note ?? ""} placeholder="note for the state" maxlength={500} />
      <button type="submit">Send corrected</button>
      {props.error && <p class="warn">{props.error}</p>}
    </form>
  );
}

export function PackageLookup(props: { site?: string | undefined }) {
  return (
    <section class="panel">
      <h2>Requests for one package</h2>
      <form method="get" action={`${BASE}/packages`}>
        {props.site && <input type="hidden" name="site" value={props.site} />}
        <input name="label" placeholder="24-character tag" maxlength={24} required />
        <button type="submit">Show</button>
      </form>
    </section>
  );
}

export function LabResults(props: { results: LabResult[]; coaLinks: boolean } & SiteQuery) {
  if (props.results.length === 0)
    return (
      <section class="panel">
        <h2>Lab results</h2>
        <p class="muted">None synced for this package.</p>
      </section>
    );
  return (
    <section class="panel">
      <h2>Lab results</h2>
      <table>
        <thead>
          <tr>
            <th>Test</th>
            <th>Result</th>
            <th>Level</th>
            <th>Performed</th>
            <th>COA</th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => (
            <tr>
              <td>{r.testType}</td>
              <td class={r.testPassed ? "" : "warn"}>{r.testPassed ? "passed" : "failed"}</td>
              <td>{r.level ?? ""}</td>
              <td>{r.performedDate ?? ""}</td>
              <td>
                {r.documentFileId && props.coaLinks ? (
                  <a href={`${BASE}/coa/${r.documentFileId}${props.q ?? ""}`}>certificate</a>
                ) : (
                  ""
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const PRE_STYLE = "white-space: pre-wrap; word-break: break-all; max-width: 60ch; margin: 0";

/** A request or answer body: short ones in full, long ones folded under their first line. */
function Body(props: { text: string | null }) {
  const t = props.text ?? "";
  if (t.length <= 400) return <pre style={PRE_STYLE}>{t}</pre>;
  return (
    <details>
      <summary>
        <code style="word-break: break-all">{t.slice(0, 120)}…</code> ({t.length.toLocaleString("en-US")} characters)
      </summary>
      <pre style={PRE_STYLE}>{t}</pre>
    </details>
  );
}

export function RequestLogTable(
  props: { label: string; requests: RequestLogTable[]; submissions: Submission[]; zone: string } & SiteQuery,
) {
  return (
    <section class="panel">
      <h2>State system requests for {props.label}</h2>
      <TimeZoneNote zone={props.zone} />
      <p>
        {props.submissions.length} queued writes:{" "}
        {props.submissions.map((s) => `${describe(s)} — ${s.state}`).join("; ") || "none"}
      </p>
      {props.requests.length === 0 ? (
        <p class="muted">No request to the state system concerned this package yet.</p>
      ) : (
        <table class="request-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Request</th>
              <th>Sent</th>
              <th>Answer</th>
            </tr>
          </thead>
          <tbody>
            {props.requests.map((r) => (
              <tr>
                <td>
                  {facilityTime(r.at, props.zone)}
                  <br />
                  <small class="muted">
                    {r.duration_ms} ms, try {r.attempt}
                  </small>
                </td>
                <td>
                  {r.method} {r.path}
                </td>
                <td>
                  <Body text={r.request_body} />
                </td>
                <td class={r.status === null || r.status >= 300 ? "warn" : ""}>
                  {r.status ?? "no answer"} {r.error ?? ""}
                  <Body text={r.response_body} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={`${BASE}${props.q ?? ""}`}>Back</a>
      </p>
    </section>
  );
}
