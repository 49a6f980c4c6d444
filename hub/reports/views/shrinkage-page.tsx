/** GET /reports/shrinkage — shrink value and rate, and inventory record accuracy, over time and by group. */
import type { Shrinkage, ShrinkGroup } from "../shrinkage.js";
import { BarChart, LineChart } from "./charts.js";
import { StreamedBuild } from "./build-progress.js";
import { Figures, money, num, pct, ReportTabs } from "./figures.js";
import { REPORTS_CSS } from "./style.js";

export function ShrinkagePage(props: { days: number; q: string; stream: string }) {
  const amp = props.q ? `${props.q}&` : "?";
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: REPORTS_CSS }} />
      <ReportTabs q={props.q} />
      <section class="panel">
        <h2>Shrinkage and count accuracy · last {props.days} complete business days</h2>
        <p class="rp-noprint">
          {[7, 30, 90].map((d) => (
            <>
              <a href={`/reports/shrinkage${amp}days=${d}`}>{d} days</a>{" "}
            </>
          ))}
        </p>
        <StreamedBuild stream={props.stream} />
      </section>
    </>
  );
}

function Groups(props: { id: string; title: string; groups: ShrinkGroup[]; name: (key: string) => string }) {
  if (props.groups.length === 0)
    return (
      <div>
        <h3>{props.title}</h3>
        <p class="muted">No shrink and no count lines in these days.</p>
      </div>
    );
  return (
    <div class="rp-scroll">
      <h3>{props.title}</h3>
      <table class="rp-table" id={props.id}>
        <thead>
          <tr>
            <th></th>
            <th class="n">Shrink</th>
            <th class="n">Adjustments</th>
            <th class="n">Lines counted</th>
            <th class="n">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((g) => (
            <tr data-key={g.key}>
              <td>{props.name(g.key)}</td>
              <td class="n">{money(g.shrinkValue)}</td>
              <td class="n">{g.adjustments}</td>
              <td class="n">{g.linesCounted}</td>
              <td class="n">{pct(g.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ShrinkageReport(props: { s: Shrinkage; employeeName: (id: string) => string }) {
  const s = props.s;
  return (
    <div id="rp-shrinkage">
      <Figures
        figs={[
          ["shrink", money(s.shrinkValue)],
          ["shrink rate (of sales)", pct(s.shrinkRate)],
          ["net sales", money(s.salesValue)],
          ["count lines", num(s.linesCounted)],
          ["record accuracy", s.countsRecorded ? pct(s.accuracy) : "no counts recorded"],
        ]}
      />
      <div class="rp-grid2">
        <div>
          <h3>Shrink per day</h3>
          <LineChart
            title="Shrink value per day"
            points={s.days.map((d) => ({ x: d.day, y: d.shrinkValue }))}
            format={money}
          />
        </div>
        <div>
          <h3>Record accuracy per day</h3>
          <LineChart
            title="Inventory record accuracy per day"
            points={s.days.map((d) => ({ x: d.day, y: d.accuracy }))}
            format={pct}
            max={1}
          />
        </div>
      </div>
      <BarChart
        title="Shrink by category"
        bars={s.byCategory.map((g) => ({ label: g.key, value: g.shrinkValue }))}
        format={money}
      />
      <div class="rp-grid2">
        <Groups id="rp-shrink-category" title="By category" groups={s.byCategory} name={(k) => k} />
        <Groups id="rp-shrink-employee" title="By employee" groups={s.byEmployee} name={props.employeeName} />
      </div>
    </div>
  );
}
