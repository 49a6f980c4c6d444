/** GET /reports/velocity — sales velocity, days of supply and reorder suggestions per item. */
import type { Velocity } from "../velocity.js";
import { BarChart } from "./charts.js";
import { StreamedBuild } from "./build-progress.js";
import { num, pct, ReportTabs } from "./figures.js";
import { REPORTS_CSS } from "./style.js";

export function VelocityPage(props: { days: number; q: string; stream: string }) {
  const amp = props.q ? `${props.q}&` : "?";
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: REPORTS_CSS }} />
      <ReportTabs q={props.q} />
      <section class="panel">
        <h2>Velocity · last {props.days} complete business days</h2>
        <p class="rp-noprint">
          {[7, 30, 90].map((d) => (
            <>
              <a href={`/reports/velocity${amp}days=${d}`} aria-current={d === props.days ? "page" : undefined}>
                {d} days
              </a>{" "}
            </>
          ))}
          · <a href={`/api/reports/velocity${amp}days=${props.days}&format=csv`}>CSV for purchasing</a>
        </p>
        <StreamedBuild stream={props.stream} />
      </section>
    </>
  );
}

const qty = (n: number | null, unit: string) =>
  n === null ? "—" : `${num(n, unit === "Grams" ? 1 : 1)}${unit === "Grams" ? " g" : ""}`;

export function VelocityTables(props: { reports: Velocity[]; siteName: (id: string) => string }) {
  return (
    <div id="rp-velocity">
      {props.reports.map((v) => {
        const top = v.items.filter((i) => i.unitsPerDay > 0).slice(0, 10);
        const slow = v.items.filter((i) => i.slowMover);
        return (
          <section data-site={v.site}>
            <h3>
              {props.siteName(v.site)} · {v.from} to {v.to}
            </h3>
            <BarChart
              title="Sales value, top ten items"
              bars={top.map((i) => ({ label: i.name, value: i.value }))}
              format={(n) => `$${num(n)}`}
            />
            <div class="rp-scroll">
              <table class="rp-table" id="rp-velocity-items">
                <thead>
                  <tr>
                    <th>Item</th>
                    <th class="n">Per day</th>
                    <th class="n">On hand</th>
                    <th class="n">Days of supply</th>
                    <th class="n">Sell-through</th>
                    <th class="n">Reorder</th>
                  </tr>
                </thead>
                <tbody>
                  {v.items.map((i) => (
                    <tr data-item={i.item}>
                      <td>
                        {i.name} <span class="muted">{i.category}</span>
                        {i.promotionCandidate ? (
                          <span class="rp-warn"> · promote</span>
                        ) : i.slowMover ? (
                          <span class="muted"> · slow</span>
                        ) : null}
                      </td>
                      <td class="n">{qty(i.unitsPerDay, i.unit)}</td>
                      <td class="n">{qty(i.onHand, i.unit)}</td>
                      <td class="n">{i.daysOfSupply === null ? "—" : num(i.daysOfSupply, 1)}</td>
                      <td class="n">{pct(i.sellThrough)}</td>
                      <td class={`n${i.reorder.due ? " rp-warn" : ""}`}>
                        {i.reorder.due ? qty(i.reorder.quantity, i.unit) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>Slow movers and promotion candidates</h3>
            {slow.length === 0 ? (
              <p class="muted">None: every item with stock sells within 90 days.</p>
            ) : (
              <table class="rp-table" id="rp-slow">
                <thead>
                  <tr>
                    <th>Item</th>
                    <th class="n">Days of supply</th>
                    <th>Packages expiring</th>
                  </tr>
                </thead>
                <tbody>
                  {slow.map((i) => (
                    <tr data-item={i.item} data-promotion={String(i.promotionCandidate)}>
                      <td>
                        {i.name}
                        {i.promotionCandidate ? <span class="rp-warn"> · promote before it expires</span> : null}
                      </td>
                      <td class="n">{i.daysOfSupply === null ? "none sold" : num(i.daysOfSupply)}</td>
                      <td>
                        {i.expiries.length
                          ? i.expiries.slice(0, 3).map((e) => (
                              <div>
                                <code>{e.label}</code> {e.expirationDate}
                              </div>
                            ))
                          : "no expiry date"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
