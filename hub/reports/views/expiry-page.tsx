/** GET /reports/expiry — packages by days to expiry, and FIFO violations with the picks behind them. */
import type { ExpiringPackage, FifoViolation } from "../fifo.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { BarChart } from "./charts.js";
import { num, ReportTabs } from "./figures.js";
import { REPORTS_CSS } from "./style.js";

const BUCKETS: Array<[string, (d: number) => boolean]> = [
  ["expired", (d) => d < 0],
  ["0–30 days", (d) => d >= 0 && d <= 30],
  ["31–60 days", (d) => d > 30 && d <= 60],
  ["61–90 days", (d) => d > 60 && d <= 90],
  ["over 90 days", (d) => d > 90],
];

export interface ExpiryPageProps {
  packages: ExpiringPackage[];
  withinDays: number;
  fifo: { from: string; to: string; violations: FifoViolation[] };
  itemName: (id: string) => string;
  employeeName: (id: string | null) => string;
  zone: string;
  q: string;
}

function Pick(props: { v: FifoViolation; zone: string; employeeName: ExpiryPageProps["employeeName"] }) {
  const p = props.v.pick;
  if (!p) return <span class="muted">no move to the floor in the ledger</span>;
  const restock = p.reason === "restock.pick" || p.sourceKind === "restock";
  return (
    <span data-pick={p.id}>
      {restock ? "restock pick" : p.reason} {facilityTime(p.at, props.zone)} by {props.employeeName(p.employeeId)}
      {p.sourceRef ? ` (request ${p.sourceRef})` : ""}
      {p.from ? ` from ${p.from}` : ""}
    </span>
  );
}

/** Rows shown on the page; the JSON API has every one. */
const FIFO_ROWS = 50;

function FifoSummary(props: ExpiryPageProps) {
  const v = props.fifo.violations;
  if (v.length === 0) return null;
  const byItem = new Map<string, number>();
  for (const x of v) byItem.set(x.item, (byItem.get(x.item) ?? 0) + 1);
  const worst = [...byItem].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const picks = v.filter((x) => x.pick?.reason === "restock.pick" || x.pick?.sourceKind === "restock").length;
  return (
    <>
      <p id="rp-fifo-summary">
        <b>{v.length}</b> package(s) sold out of order; {picks} put on the floor by a restock pick.
        {v.length > FIFO_ROWS ? (
          <>
            {" "}
            The first {FIFO_ROWS} are listed; <a href={`/api/reports/fifo${props.q}`}>all of them as JSON</a>.
          </>
        ) : null}
      </p>
      <BarChart
        title="FIFO violations by item"
        bars={worst.map(([id, n]) => ({ label: props.itemName(id), value: n }))}
        format={(n) => num(n)}
      />
    </>
  );
}

function ExpiryTable(props: ExpiryPageProps) {
  return (
    <div class="rp-scroll">
      <table class="rp-table" id="rp-expiry">
        <thead>
          <tr>
            <th>Package</th>
            <th>Item</th>
            <th>Location</th>
            <th class="n">Quantity</th>
            <th>Expires</th>
            <th class="n">Days</th>
          </tr>
        </thead>
        <tbody>
          {props.packages.map((p) => (
            <tr data-label={p.label}>
              <td>
                <a href={`/packages/${p.label}`}>
                  <code>{p.label}</code>
                </a>
              </td>
              <td>{props.itemName(p.item)}</td>
              <td>{p.location}</td>
              <td class="n">
                {num(p.quantity, 2)} {p.unit}
              </td>
              <td>{p.expirationDate}</td>
              <td class={`n${p.daysToExpiry <= 30 ? " rp-warn" : ""}`}>{p.daysToExpiry}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ExpiryPage(props: ExpiryPageProps) {
  const counts = BUCKETS.map(([label, f]) => ({
    label,
    value: props.packages.filter((p) => f(p.daysToExpiry)).length,
  }));
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: REPORTS_CSS }} />
      <ReportTabs q={props.q} />
      <section class="panel">
        <h2>Expiry · the next {props.withinDays} days</h2>
        <TimeZoneNote zone={props.zone} />
        {props.packages.length === 0 ? (
          <p class="rp-ok">No package expires in the next {props.withinDays} days.</p>
        ) : (
          <BarChart title="Packages by days to expiry" bars={counts} format={(n) => num(n)} />
        )}
        {props.packages.length === 0 ? null : <ExpiryTable {...props} />}
      </section>
      <section class="panel">
        <h2>
          FIFO · {props.fifo.from} to {props.fifo.to}
        </h2>
        <p class="muted">
          A newer package of an item sold while an older one sat in the vault, and the move that put it on the floor.
        </p>
        <FifoSummary {...props} />
        {props.fifo.violations.length === 0 ? (
          <p class="rp-ok">No FIFO violations.</p>
        ) : (
          <div class="rp-scroll">
            <table class="rp-table" id="rp-fifo">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>Sold (newer)</th>
                  <th>In the vault (older)</th>
                  <th class="n">Sales</th>
                  <th>Put on the floor by</th>
                </tr>
              </thead>
              <tbody>
                {props.fifo.violations.slice(0, FIFO_ROWS).map((v) => (
                  <tr data-sold={v.soldLabel} data-older={v.olderLabel}>
                    <td>{props.itemName(v.item)}</td>
                    <td>
                      <code>{v.soldLabel}</code> <span class="muted">packaged {v.soldPackagedDate}</span>
                    </td>
                    <td>
                      <code>{v.olderLabel}</code>{" "}
                      <span class="muted">
                        packaged {v.olderPackagedDate}
                        {v.olderExpirationDate ? `, expires ${v.olderExpirationDate}` : ""}
                      </span>
                    </td>
                    <td class="n">
                      {v.sales} ({num(v.quantity, 2)} {v.unit})
                    </td>
                    <td>
                      <Pick v={v} zone={props.zone} employeeName={props.employeeName} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
