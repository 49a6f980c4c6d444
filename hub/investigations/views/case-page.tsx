import type { AdjustmentReason } from "#hub/statesystem/port.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { CaseDetail } from "../cases.js";
import type { TimelineEntry } from "../timeline.js";
import { AssignForm, CloseForm, NoteForms, ProposeForms, Resolutions, RootCauseForm } from "./case-forms.js";
import { INV_CSS } from "./style.js";
import { TimelineTable } from "./timeline-table.js";

export interface CaseProps {
  c: CaseDetail;
  timeline: TimelineEntry[];
  zone: string;
  /** `?site=…` for links to the package, when the hub serves several sites. */
  siteQuery: string;
  /** What the signed-in person may do: act on the case (coordinator, manager, admin), approve (manager, admin). */
  may: { act: boolean; approve: boolean };
  reasons: AdjustmentReason[];
  employees: { id: string; name: string; role: string }[];
  /** The package's unit in the ledger; null when the ledger does not hold it. */
  unit: string | null;
  /** State-system submissions of the resolutions, by id: their state in the queue. */
  queue: Record<string, string>;
  /** The signed-in person's employee id ("api" without logins). */
  me: string;
  /** Employees' names by id (who opened, proposed, approved, wrote). */
  names: Record<string, string>;
  /** What the last action came to, shown at the top. */
  message?: { ok: boolean; text: string } | undefined;
}

/** An employee's name where the ledger knows it, else the id as recorded (a module, "api"). */
const nameOf = (props: CaseProps) => (id: string | null) => (id === null ? "–" : (props.names[id] ?? id));

const n = (v: number | null) => (v === null ? "–" : String(Number(v.toFixed(4))));

function Variances(props: { c: CaseDetail; zone: string }) {
  return (
    <div class="table-scroll">
      <table class="inv-variances">
        <thead>
          <tr>
            <th>Day</th>
            <th>Class</th>
            <th>POS</th>
            <th>State</th>
            <th>Ledger</th>
            <th>Physical</th>
            <th>Found by</th>
            <th>Usual fix</th>
          </tr>
        </thead>
        <tbody>
          {props.c.variances.map((v) => (
            <tr data-variance={v.id}>
              <td>{v.businessDay}</td>
              <td>{v.class}</td>
              <td>{n(v.pos)}</td>
              <td>{n(v.state)}</td>
              <td>{n(v.ledger)}</td>
              <td>{n(v.physical)}</td>
              <td>
                {v.source.kind} {v.source.ref} <span class="muted">{facilityTime(v.addedAt, props.zone)}</span>
              </td>
              <td>{v.fix}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Facts(props: CaseProps) {
  const c = props.c;
  return (
    <dl class="counts">
      <dt>Status</dt>
      <dd data-status={c.status}>
        {c.status}
        {c.escalated && <span class="inv-badge"> escalated</span>}
      </dd>
      <dt>Opened</dt>
      <dd>
        {facilityTime(c.openedAt, props.zone)} by {nameOf(props)(c.openedBy)}
      </dd>
      <dt>Deadline</dt>
      <dd class={c.escalated ? "inv-escalated" : ""}>{facilityTime(c.deadlineAt, props.zone)}</dd>
      <dt>Assignee</dt>
      <dd>{c.assignee ? nameOf(props)(c.assignee) : "nobody"}</dd>
      <dt>Root cause</dt>
      <dd data-root-cause={c.rootCause ?? ""}>{c.rootCause ?? "not documented yet"}</dd>
      {c.closedAt && (
        <>
          <dt>Closed</dt>
          <dd>
            {facilityTime(c.closedAt, props.zone)} by {nameOf(props)(c.closedBy)}
          </dd>
        </>
      )}
    </dl>
  );
}

/** A suggested adjustment: the count's figure minus the ledger's, for a physical difference not resolved yet. */
function suggested(c: CaseDetail): number | null {
  if (c.resolutions.some((r) => r.status === "approved" || r.status === "queued")) return null;
  const v = c.variances[c.variances.length - 1];
  if (!v || v.physical === null || v.ledger === null) return null;
  return Number((v.physical - v.ledger).toFixed(4)) || null;
}

/** State receipts on the timeline that can still be voided, by the hub's receipt number. */
function voidable(timeline: readonly TimelineEntry[]) {
  return timeline
    .filter((e) => e.kind === "sale-state" && e.ref && !e.what.endsWith(", voided"))
    .map((e) => ({ externalNumber: e.ref!, what: e.what.replace(/^state-system /, "") }));
}

function Work(props: CaseProps) {
  const c = props.c;
  const waiting = c.resolutions.some((r) => r.status === "proposed");
  const open = c.status === "open";
  return (
    <div class="inv-grid">
      <div>
        <h3>Resolution</h3>
        {c.resolutions.length === 0 && <p class="muted">None proposed yet.</p>}
        <Resolutions
          c={c}
          zone={props.zone}
          mayApprove={props.may.approve && open}
          queue={props.queue}
          me={props.me}
          name={nameOf(props)}
        />
        {open && props.may.act && !waiting && (
          <ProposeForms
            c={c}
            unit={props.unit}
            reasons={props.reasons}
            receipts={voidable(props.timeline)}
            suggested={suggested(c)}
          />
        )}
      </div>
      <div>
        <h3>Root cause and closing</h3>
        {open && props.may.act ? (
          <>
            <RootCauseForm c={c} />
            <CloseForm c={c} />
            <AssignForm c={c} employees={props.employees} />
          </>
        ) : (
          <p class="muted">{open ? "This sign-in reads only." : "Closed."}</p>
        )}
        <h3>Notes and evidence</h3>
        <ul class="inv-notes">
          {c.notes.map((note) => (
            <li data-note={note.kind}>
              {note.kind === "evidence" ? (
                <>
                  <strong>{note.camera}</strong> at {facilityTime(note.evidenceAt, props.zone)}: {note.text}
                </>
              ) : (
                note.text
              )}{" "}
              <span class="muted">
                – {nameOf(props)(note.by)}, {facilityTime(note.at, props.zone)}
              </span>
            </li>
          ))}
        </ul>
        {open && props.may.act && <NoteForms c={c} />}
      </div>
    </div>
  );
}

/** The case, as the htmx forms swap it whole (`#inv-case`): facts, variances, work, the package's timeline. */
export function CaseBody(props: CaseProps) {
  const c = props.c;
  return (
    <section class="panel" id="inv-case" data-case={c.id} data-refusals>
      <style dangerouslySetInnerHTML={{ __html: INV_CSS }} />
      {props.message && (
        <p class={`inv-message ${props.message.ok ? "ok" : "refused"}`} role={props.message.ok ? "status" : "alert"}>
          {props.message.text}
        </p>
      )}
      <h2>
        Investigation: {c.class} · package{" "}
        <a href={`/packages/${c.label}${props.siteQuery}`}>
          <code>{c.label}</code>
        </a>{" "}
        <span class="muted">({c.businessDay})</span>
      </h2>
      <Facts {...props} />
      <h3>Variances</h3>
      <Variances c={c} zone={props.zone} />
      <Work {...props} />
      <h3>Package timeline ({props.timeline.length} entries, oldest first)</h3>
      <TimelineTable entries={props.timeline} zone={props.zone} currentCase={c.id} />
      <TimeZoneNote zone={props.zone} />
      <p class="muted">
        <a href="/investigations">All investigations</a> · <a href={`/api/investigations/${c.id}`}>JSON</a>
      </p>
    </section>
  );
}

/** A refusal where a case page would be (unknown case, another site's). */
export function CaseProblem(props: { message: string }) {
  return (
    <section class="panel">
      <h2>Investigation</h2>
      <p class="warn" role="alert">
        {props.message}
      </p>
    </section>
  );
}
