/**
 * GET /reports/end-of-day — the day's report for the manager, on screen and on paper (A4 or
 * Letter): sales first, then receiving, variances, counts, the door and the state-system queue.
 */
import type { EndOfDay } from "../end-of-day.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { BarChart } from "./charts.js";
import { Figures, money, num, pct, ReportTabs } from "./figures.js";
import { REPORTS_CSS } from "./style.js";

export interface EndOfDayPageProps {
  report: EndOfDay;
  siteName: string;
  keptAt: string | null;
  zone: string;
  /** `?site=…` for links, or "". */
  q: string;
  /** Days kept as files, newest first, for the picker. */
  keptDays: string[];
}

function DayPicker(props: { date: string; q: string; keptDays: string[] }) {
  const site = new URLSearchParams(props.q.replace(/^\?/, "")).get("site");
  return (
    <form method="get" action="/reports/end-of-day" class="rp-noprint">
      {site ? <input type="hidden" name="site" value={site} /> : null}
      <label>
        Business day <input type="date" name="date" value={props.date} required />
      </label>{" "}
      <button type="submit">Show</button>{" "}
      {props.keptDays.length ? (
        <span class="muted">
          Kept:{" "}
          {props.keptDays.slice(0, 7).map((d) => (
            <>
              <a href={`/reports/end-of-day?date=${d}${site ? `&site=${encodeURIComponent(site)}` : ""}`}>{d}</a>{" "}
            </>
          ))}
        </span>
      ) : null}
    </form>
  );
}

function Sales(props: { r: EndOfDay }) {
  const s = props.r.sales;
  return (
    <section class="panel" id="eod-sales">
      <h3>Sales</h3>
      <Figures
        figs={[
          ["value", money(s.value)],
          ["units", num(s.units)],
          ["grams", num(s.grams, 1)],
          ["receipts", num(s.receipts)],
        ]}
      />
      {s.byCategory.length ? (
        <>
          <table class="rp-table">
            <thead>
              <tr>
                <th>Category</th>
                <th class="n">Units</th>
                <th class="n">Grams</th>
                <th class="n">Value</th>
              </tr>
            </thead>
            <tbody>
              {s.byCategory.map((c) => (
                <tr data-category={c.category}>
                  <td>{c.category}</td>
                  <td class="n">{num(c.units)}</td>
                  <td class="n">{num(c.grams, 1)}</td>
                  <td class="n">{money(c.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BarChart
            title="Sales value by category"
            bars={s.byCategory.map((c) => ({ label: c.category, value: c.value }))}
            format={money}
          />
        </>
      ) : (
        <p class="muted">No sales imported for this day.</p>
      )}
    </section>
  );
}

function Small(props: {
  id: string;
  title: string;
  rows: Array<[string, string | number]>;
  note?: string | undefined;
  warn?: boolean;
}) {
  return (
    <section class="panel" id={props.id}>
      <h3>{props.title}</h3>
      {props.note ? <p class={props.warn ? "rp-warn" : "muted"}>{props.note}</p> : null}
      <table class="rp-table">
        <tbody>
          {props.rows.map(([k, v]) => (
            <tr>
              <td>{k}</td>
              <td class="n">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function EndOfDayPage(props: EndOfDayPageProps) {
  const r = props.report;
  const ss = r.stateSystem;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: REPORTS_CSS }} />
      <ReportTabs q={props.q} />
      <section class="panel">
        <h2>
          End of day · {props.siteName} · {r.date}
        </h2>
        <p class="muted" id="eod-kept">
          {props.keptAt
            ? `Kept ${facilityTime(props.keptAt, props.zone)}, after the day closed: printed as it was kept.`
            : `Built now, ${facilityTime(ss.asOf, props.zone)}: not kept yet (the report is kept at close).`}
        </p>
        <TimeZoneNote zone={props.zone} />
        <DayPicker date={r.date} q={props.q} keptDays={props.keptDays} />
      </section>
      <Sales r={r} />
      <div class="rp-grid2">
        <Small
          id="eod-receiving"
          title="Receiving"
          rows={[
            ["Manifests finished", r.receiving.manifests],
            ["Refused whole", r.receiving.manifestsRejected],
            ["Packages accepted", r.receiving.packagesAccepted],
            ["Packages rejected", r.receiving.packagesRejected],
            ["Not on the manifest", r.receiving.packagesUnexpected],
          ]}
        />
        <Small
          id="eod-variances"
          title="Variances"
          note={r.variances.recorded ? undefined : "No investigations recorded here."}
          warn={r.variances.escalated > 0}
          rows={[
            ["Opened", r.variances.opened],
            ["Resolved", r.variances.resolved],
            ["Still open", r.variances.open],
            ["Past their deadline", r.variances.escalated],
          ]}
        />
        <Small
          id="eod-counts"
          title="Cycle counts"
          note={r.counts.recorded ? undefined : "No counts recorded."}
          rows={[
            ["Count sessions", r.counts.sessions],
            ["Lines counted", r.counts.linesCounted],
            ["Outside tolerance", r.counts.linesOutOfTolerance],
            ["Record accuracy", r.counts.recorded ? pct(r.counts.accuracy) : "—"],
          ]}
        />
        <Small
          id="eod-door"
          title="Vault door"
          warn={r.door.alarms > 0 || r.door.openedWithoutSignIn > 0}
          note={r.door.alarms > 0 ? `${r.door.alarms} held-open alarm(s).` : undefined}
          rows={[
            ["Door sessions", r.door.sessions],
            ["Held-open alarms", r.door.alarms],
            ["Opened with nobody signed in", r.door.openedWithoutSignIn],
          ]}
        />
        <Small
          id="eod-statesystem"
          title="State system"
          warn={ss.failed > 0}
          note={
            ss.failed > 0
              ? `${ss.failed} write(s) failed: see the state-system page.`
              : `As of ${facilityTime(ss.asOf, props.zone)}.`
          }
          rows={[
            ["Writes queued this day", ss.queued],
            ["Of those confirmed", ss.confirmed],
            ["Waiting (pending or sent)", ss.pending],
            ["Failed, not resolved", ss.failed],
          ]}
        />
      </div>
    </>
  );
}
