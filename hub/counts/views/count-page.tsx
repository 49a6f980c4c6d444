import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { CountReview, ReviewLine } from "../queries.js";
import { Notice, pct } from "./list-page.js";
import { COUNTS_CSS } from "./style.js";

const q = (n: number | null, unit?: string) => (n === null ? "—" : `${Number(n.toFixed(3))}${unit ? ` ${unit}` : ""}`);

function Difference(props: { l: ReviewLine }) {
  const d = props.l.difference;
  if (props.l.unexpected) return <span class="ct-over">found, not listed</span>;
  if (d === null) return <span class="muted">—</span>;
  if (Math.abs(d) < 1e-6) return <span>0</span>;
  return <span class={d < 0 ? "ct-short" : "ct-over"}>{d > 0 ? `+${q(d)}` : q(d)}</span>;
}

function Verdict(props: { l: ReviewLine }) {
  const l = props.l;
  if (l.recountRefused) return <span class="ct-short">{l.recountRefused}</span>;
  if (l.needsRecount) return <span class="ct-short">recount asked (another employee)</span>;
  if (l.counted === null) return <span class="muted">not counted yet</span>;
  if (l.withinTolerance === null) return <span class="muted">nothing expected</span>;
  return l.withinTolerance ? (
    <span>within ±{l.tolerancePct} %</span>
  ) : (
    <span class="ct-short">outside ±{l.tolerancePct} %</span>
  );
}

function DecisionCell(props: { l: ReviewLine; open: boolean }) {
  const l = props.l;
  if (l.decision) {
    const ref =
      l.decision === "investigate" ? (l.caseId ? ` · case ${l.caseId}` : "") : l.submissionId ? " · queued" : "";
    return (
      <span data-decision={l.decision}>
        {l.decision}
        {ref}
      </span>
    );
  }
  if (!props.open || !l.proposed || l.proposed === "none") return <span class="muted">—</span>;
  if (l.unexpected) return <span data-decision="investigate">investigate</span>;
  return (
    <select name={`d:${l.label}`} data-line-decision={l.label}>
      <option value="adjust" selected={l.proposed === "adjust"}>
        adjust
      </option>
      <option value="investigate" selected={l.proposed === "investigate"}>
        investigate
      </option>
    </select>
  );
}

function Lines(props: { lines: ReviewLine[]; open: boolean; zone: string }) {
  return (
    <table id="ct-lines" class="ct-nums">
      <thead>
        <tr>
          <th>Tag</th>
          <th>Item</th>
          <th>Class</th>
          <th>Location</th>
          <th>Snapshot</th>
          <th>Sold since</th>
          <th>Expected</th>
          <th>Counted</th>
          <th>Difference</th>
          <th>Verdict</th>
          <th>Counted by</th>
          <th>Decision</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l) => (
          <tr
            data-line={l.label}
            data-within={l.withinTolerance === null ? "" : String(l.withinTolerance)}
            data-unexpected={String(l.unexpected)}
            class={l.unexpected ? "ct-unexpected" : l.withinTolerance === false || l.needsRecount ? "ct-out" : ""}
          >
            <td>
              <a href={`/packages/${l.label}`}>{l.label}</a>
            </td>
            <td>{l.itemName}</td>
            <td>{l.class}</td>
            <td>{l.location}</td>
            <td class="n">{q(l.snapshot, l.unit)}</td>
            <td class="n">{q(l.soldSinceSnapshot)}</td>
            <td class="n">{q(l.expected)}</td>
            <td class="n" data-counted={l.counted ?? ""}>
              {q(l.counted)}
              {l.found === false ? <span class="muted"> (not found)</span> : null}
              {l.firstCounted !== null && l.firstCountedBy !== l.countedBy ? (
                <span class="muted">
                  {" "}
                  (first {q(l.firstCounted)} by {l.firstCountedBy})
                </span>
              ) : null}
            </td>
            <td class="n">
              <Difference l={l} />
            </td>
            <td>
              <Verdict l={l} />
            </td>
            <td>{l.countedBy ?? "—"}</td>
            <td>
              <DecisionCell l={l} open={props.open} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GET /counts/:id: the manager's review of one count, and its approval. */
export function CountPage(props: {
  review: CountReview;
  reasons: string[];
  q: string;
  zone: string;
  canApprove: boolean;
  notice?: { text: string; bad: boolean } | undefined;
}) {
  const c = props.review.count;
  const open = c.status === "review" && props.canApprove;
  const lines = <Lines lines={props.review.lines} open={open} zone={props.zone} />;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: COUNTS_CSS }} />
      <section class="panel" id="ct-count" data-count={c.id} data-status={c.status}>
        <h2>{c.title}</h2>
        <Notice notice={props.notice} />
        <p>
          Status:{" "}
          <strong class="ct-status" data-status={c.status}>
            {c.status}
          </strong>{" "}
          · round {c.round} · {c.counted} of {c.lines} counted · {c.outOfTolerance} outside tolerance · station{" "}
          {c.stationId ?? "—"} · snapshot {facilityTime(c.snapshotAt, props.zone)}
          {c.approvedAt ? ` · approved ${facilityTime(c.approvedAt, props.zone)}` : ""}
          {c.accuracy !== null ? (
            <>
              {" "}
              · accuracy <strong data-accuracy={c.accuracy}>{pct(c.accuracy)}</strong>
            </>
          ) : null}
        </p>
        <p class="muted">
          Expected = the snapshot's quantity less what the POS sold of the package between the snapshot and its count.
          The station never saw these figures.
        </p>
        <TimeZoneNote zone={props.zone} />
        {props.review.matched > 0 ? (
          <p data-matched={props.review.matched}>
            {props.review.matched} packages counted exactly as expected are not listed ·{" "}
            <a href={`/counts/${c.id}${props.q ? `${props.q}&` : "?"}all=1`}>show every line</a>
          </p>
        ) : null}
        {open ? (
          <form method="post" action={`/counts/${c.id}/approve${props.q}`} id="ct-approve">
            {lines}
            <p>
              <label>
                Adjustment reason (the state system's){" "}
                {props.reasons.length > 0 ? (
                  <select name="reason" required>
                    {props.reasons.map((r) => (
                      <option value={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  <input name="reason" maxlength={100} placeholder="not synced from the state system yet" />
                )}
              </label>{" "}
              <label>
                Note <input name="note" maxlength={200} />
              </label>{" "}
              <button type="submit" data-action="approve">
                Approve the count
              </button>
            </p>
          </form>
        ) : (
          lines
        )}
      </section>
    </>
  );
}
