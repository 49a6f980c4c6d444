import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { CaseFilter, CaseSummary } from "../cases.js";
import { INV_CSS } from "./style.js";

export interface CaseListProps {
  cases: CaseSummary[];
  filter: CaseFilter;
  /** `&site=…` to keep in the tabs' links, when a site was chosen. */
  siteQuery: string;
  zone: string;
  /** Show each case's site (a hub serving several). */
  multi: boolean;
  nowMs: number;
}

const TABS: { filter: CaseFilter; label: string }[] = [
  { filter: "open", label: "Open" },
  { filter: "escalated", label: "Escalated" },
  { filter: "closed", label: "Closed" },
];

function overdue(c: CaseSummary, nowMs: number): string {
  const hours = Math.floor((nowMs - Date.parse(c.deadlineAt)) / 3_600_000);
  return hours < 1 ? "escalated" : `escalated, ${hours} h past its deadline`;
}

function CaseRow(props: { c: CaseSummary; zone: string; multi: boolean; nowMs: number }) {
  const c = props.c;
  return (
    <tr data-case={c.id} class={c.escalated ? "inv-escalated" : ""}>
      <td>
        <a href={`/investigations/${c.id}`}>{c.class}</a>
      </td>
      <td>
        <code>{c.label}</code>
      </td>
      <td>{c.businessDay}</td>
      {props.multi && <td>{c.site}</td>}
      <td>{c.assignee ?? <span class="muted">nobody</span>}</td>
      <td>
        {c.status === "closed" ? (
          <>
            closed {facilityTime(c.closedAt, props.zone)} · {c.rootCause}
          </>
        ) : c.escalated ? (
          <span class="inv-escalated">{overdue(c, props.nowMs)}</span>
        ) : (
          <>due {facilityTime(c.deadlineAt, props.zone)}</>
        )}
      </td>
    </tr>
  );
}

/** GET /investigations: open (escalated first), escalated or closed cases of the sites shown. */
export function CaseListPage(props: CaseListProps) {
  return (
    <section class="panel">
      <style>{INV_CSS}</style>
      <h2>Investigations</h2>
      <nav class="inv-tabs" aria-label="Which investigations">
        {TABS.map((t) => (
          <a
            href={`/investigations?status=${t.filter}${props.siteQuery}`}
            aria-current={t.filter === props.filter ? "page" : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {props.cases.length === 0 ? (
        <p class="muted">No {props.filter} investigations.</p>
      ) : (
        <div class="table-scroll">
          <table class="inv-cases">
            <thead>
              <tr>
                <th>Class</th>
                <th>Package</th>
                <th>Day</th>
                {props.multi && <th>Site</th>}
                <th>Assignee</th>
                <th>Deadline</th>
              </tr>
            </thead>
            <tbody>
              {props.cases.map((c) => (
                <CaseRow c={c} zone={props.zone} multi={props.multi} nowMs={props.nowMs} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TimeZoneNote zone={props.zone} />
    </section>
  );
}

/** The dashboard home's panel: how many investigations are past their deadline, linking the list. */
export function EscalatedPanel(props: { escalated: number; open: number; siteQuery: string }) {
  return (
    <section class="panel" id="investigations-panel" data-escalated={props.escalated}>
      <h2>Investigations</h2>
      <p>
        {props.escalated > 0 ? (
          <a class="inv-escalated" href={`/investigations?status=escalated${props.siteQuery}`}>
            {props.escalated} past their deadline
          </a>
        ) : (
          <span class="muted">None past its deadline.</span>
        )}{" "}
        · <a href={`/investigations?status=open${props.siteQuery}`}>{props.open} open</a>
      </p>
    </section>
  );
}
