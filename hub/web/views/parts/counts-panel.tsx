import type { DeadLetter } from "../../../ledger/dead-letters.js";
import { ids } from "../ids.js";
import { ago } from "./format.js";

/** Row counts shown on the dashboard. */
export interface LedgerCounts {
  events: number;
  items: number;
  packages: number;
  deadLetters: number;
  /** Since the hub started: messages received and duplicates ignored. */
  received: number;
  duplicates: number;
}

/**
 * Ledger counts and the latest dead letters with their reasons; refreshed every few seconds.
 * `query` (`?site=…`) keeps the refresh on the sites the page shows.
 */
export function CountsPanel(props: { counts: LedgerCounts; latestDead: DeadLetter[]; nowMs: number; query?: string }) {
  const c = props.counts;
  return (
    <section
      id={ids.counts}
      class="panel"
      hx-get={`/parts/counts${props.query ?? ""}`}
      hx-trigger="every 5s"
      hx-swap="outerHTML"
    >
      <h2>Ledger</h2>
      <dl class="counts">
        <dt>Events</dt>
        <dd>{c.events.toLocaleString("en-US")}</dd>
        <dt>Packages</dt>
        <dd>{c.packages.toLocaleString("en-US")}</dd>
        <dt>Items</dt>
        <dd>{c.items.toLocaleString("en-US")}</dd>
        <dt>Received since start</dt>
        <dd>
          {c.received.toLocaleString("en-US")} ({c.duplicates.toLocaleString("en-US")} duplicates)
        </dd>
        <dt>Dead letters</dt>
        <dd class={c.deadLetters > 0 ? "warn" : ""}>
          {c.deadLetters > 0 ? <a href="/dead-letters">{c.deadLetters.toLocaleString("en-US")}</a> : "0"}
        </dd>
      </dl>
      {props.latestDead.length > 0 && (
        <table class="dead">
          <thead>
            <tr>
              <th>When</th>
              <th>Topic</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {props.latestDead.map((d) => (
              <tr>
                <td title={d.receivedAt}>{ago(d.receivedAt, props.nowMs)}</td>
                <td>
                  <code>{d.topic}</code>
                </td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
