/** Small parts the report pages share: a row of big figures, number formats, the report links. */
import type { Child } from "hono/jsx";

export const money = (n: number) =>
  n.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: n >= 1000 ? 0 : 2 });
export const num = (n: number, places = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: places, minimumFractionDigits: 0 });
export const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(1)} %`);

export function Figures(props: { figs: Array<[string, Child]> }) {
  return (
    <div class="rp-figs">
      {props.figs.map(([label, value]) => (
        <div class="rp-fig">
          <b>{value}</b>
          <span>{label}</span>
        </div>
      ))}
    </div>
  );
}

/** Links between the reports, keeping `?site=`. */
export function ReportTabs(props: { q: string }) {
  const amp = props.q ? `${props.q}&` : "?";
  return (
    <nav class="rp-tabs rp-noprint" aria-label="Reports">
      <a href={`/reports/end-of-day${props.q}`}>End of day</a>
      <a href={`/reports/velocity${props.q}`}>Velocity</a>
      <a href={`/reports/expiry${props.q}`}>Expiry and FIFO</a>
      <a href={`/reports/shrinkage${props.q}`}>Shrinkage and accuracy</a>
      <a href={`/api/reports/velocity${amp}days=30&format=csv`}>Velocity CSV (30 days)</a>
    </nav>
  );
}

export function ReportProblem(props: { message: string }) {
  return (
    <section class="panel">
      <p class="warn" role="alert">
        {props.message}
      </p>
    </section>
  );
}
