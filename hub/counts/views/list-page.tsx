import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { CountSummary } from "../queries.js";
import { COUNTS_CSS } from "./style.js";

export const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10} %`);

/** A refusal on the counts pages. */
export function CountsProblem(props: { message: string }) {
  return (
    <section class="panel">
      <p class="warn" data-problem>
        {props.message}
      </p>
      <p>
        <a href="/counts">Counts</a>
      </p>
    </section>
  );
}

export function Notice(props: { notice?: { text: string; bad: boolean } | undefined }) {
  if (!props.notice) return null;
  return (
    <p class={`ct-notice${props.notice.bad ? " bad" : ""}`} data-notice role="alert">
      {props.notice.text}
    </p>
  );
}

function StartForms(props: { stations: { id: string; online: boolean }[]; categories: readonly string[]; q: string }) {
  const station = (
    <label>
      Station{" "}
      <select name="station">
        {props.stations.map((s) => (
          <option value={s.id}>
            {s.id} {s.online ? "(online)" : "(offline)"}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div class="ct-start">
      <form method="post" action={`/counts/start${props.q}`}>
        <input type="hidden" name="kind" value="cycle" />
        {station}
        <button type="submit" data-action="start-cycle">
          Today's cycle count
        </button>
      </form>
      <form method="post" action={`/counts/start${props.q}`}>
        <input type="hidden" name="kind" value="full" />
        {station}
        <button type="submit" data-action="start-full">
          Full count
        </button>
      </form>
      <form method="post" action={`/counts/start${props.q}`}>
        <input type="hidden" name="kind" value="category" />
        <label>
          Category{" "}
          <select name="category">
            {props.categories.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </label>
        {station}
        <button type="submit" data-action="start-category">
          Category count
        </button>
      </form>
    </div>
  );
}

function CountsTable(props: { counts: CountSummary[]; multi: boolean; zone: string }) {
  if (props.counts.length === 0) return <p class="muted">No count yet.</p>;
  return (
    <table id="ct-counts" class="ct-nums">
      <thead>
        <tr>
          {props.multi && <th>Site</th>}
          <th>Count</th>
          <th>Day</th>
          <th>Station</th>
          <th>Status</th>
          <th>Counted</th>
          <th>Outside tolerance</th>
          <th>Accuracy</th>
          <th>Started</th>
        </tr>
      </thead>
      <tbody>
        {props.counts.map((c) => (
          <tr data-count={c.id} data-status={c.status}>
            {props.multi && <td>{c.siteId}</td>}
            <td>
              <a href={`/counts/${c.id}${props.multi ? `?site=${encodeURIComponent(c.siteId)}` : ""}`}>{c.title}</a>
            </td>
            <td>{c.businessDay}</td>
            <td>{c.stationId ?? "—"}</td>
            <td>
              <span class="ct-status" data-status={c.status}>
                {c.status}
                {c.status === "recount" ? ` (${c.recount})` : ""}
              </span>
            </td>
            <td class="n">
              {c.counted} of {c.lines}
            </td>
            <td class="n">{c.outOfTolerance}</td>
            <td class="n">{pct(c.accuracy)}</td>
            <td>{facilityTime(c.snapshotAt, props.zone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccuracyOverTime(props: { rows: { businessDay: string; title: string; accuracy: number }[] }) {
  if (props.rows.length === 0) return <p class="muted">Accuracy shows here once a count is approved.</p>;
  const mean = props.rows.reduce((a, r) => a + r.accuracy, 0) / props.rows.length;
  return (
    <div id="ct-accuracy" data-counts={props.rows.length} data-mean={mean.toFixed(4)}>
      <p>
        Inventory record accuracy over the last {props.rows.length} approved counts: <strong>{pct(mean)}</strong> (lines
        within tolerance ÷ lines counted)
      </p>
      <div class="ct-acc" aria-hidden="true">
        {props.rows.map((r) => (
          <span
            class={r.accuracy < 0.95 ? "low" : ""}
            style={`height:${Math.max(4, r.accuracy * 100)}%`}
            title={`${r.businessDay} ${r.title}: ${pct(r.accuracy)}`}
          ></span>
        ))}
      </div>
    </div>
  );
}

/** GET /counts. */
export function CountsPage(props: {
  counts: CountSummary[];
  classes: Record<string, number>;
  accuracy: { businessDay: string; title: string; accuracy: number }[];
  stations: { id: string; online: boolean }[];
  categories: readonly string[];
  today: string;
  q: string;
  multi: boolean;
  zone: string;
  canStart: boolean;
  notice?: { text: string; bad: boolean } | undefined;
}) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: COUNTS_CSS }} />
      <section class="panel">
        <h2>Cycle counts</h2>
        <Notice notice={props.notice} />
        <p>
          Items by class: A {props.classes.A ?? 0} · B {props.classes.B ?? 0} · C {props.classes.C ?? 0}{" "}
          <span class="muted">(A counted monthly, B quarterly, C yearly; today is {props.today})</span>
        </p>
        {props.canStart ? (
          props.stations.length > 0 ? (
            <StartForms stations={props.stations} categories={props.categories} q={props.q} />
          ) : (
            <p class="warn">No station of this site has connected yet: counts are assigned to a station.</p>
          )
        ) : null}
        <TimeZoneNote zone={props.zone} />
        <CountsTable counts={props.counts} multi={props.multi} zone={props.zone} />
      </section>
      <section class="panel">
        <h2>Accuracy</h2>
        <AccuracyOverTime rows={props.accuracy} />
      </section>
    </>
  );
}
