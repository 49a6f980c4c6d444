import type { DeadLetter } from "../../../ledger/dead-letters.js";
import type { StationView } from "../../../ledger/stations.js";
import type { FeedEntry } from "../../live.js";
import { ids, sseEvents } from "../ids.js";
import type { DoorEntry } from "../../live.js";
import { CountsPanel, type LedgerCounts } from "../parts/counts-panel.js";
import { DoorsPanel } from "../parts/doors-panel.js";
import { FeedRows } from "../parts/feed-row.js";
import { StationsPanel } from "../parts/stations-panel.js";

/** Data for the dashboard home; `nowMs` is the render time (ms since the epoch). */
export interface HomeProps {
  stations: StationView[];
  counts: LedgerCounts;
  latestDead: DeadLetter[];
  feed: readonly FeedEntry[];
  /** Vault door events since the hub started, newest first. */
  doors?: readonly DoorEntry[];
  nowMs: number;
  /** `?site=…` of the page, carried into the live stream and the refreshed parts. */
  query?: string;
}

/**
 * The manager's home: stations, ledger counts and the live scan feed. The SSE stream replaces the
 * stations panel and prepends scans (hx-ext="sse"); no hand-written script.
 */
export function HomePage(props: HomeProps) {
  return (
    <div hx-ext="sse" sse-connect={`/events${props.query ?? ""}`}>
      <div sse-swap={sseEvents.stations} hx-target={`#${ids.stations}`} hx-swap="outerHTML">
        <StationsPanel stations={props.stations} nowMs={props.nowMs} />
      </div>
      <div sse-swap={sseEvents.doors} hx-target={`#${ids.doors}`} hx-swap="outerHTML">
        <DoorsPanel doors={props.doors ?? []} nowMs={props.nowMs} />
      </div>
      <div
        id="investigations-panel"
        hx-get={`/investigations/panel${props.query ?? ""}`}
        hx-trigger="load"
        hx-swap="outerHTML"
      ></div>
      <CountsPanel counts={props.counts} latestDead={props.latestDead} nowMs={props.nowMs} query={props.query ?? ""} />
      <section class="panel">
        <h2>Live scans</h2>
        <table>
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Station</th>
              <th>Code</th>
              <th>Kind</th>
              <th>Item</th>
              <th>Workflow</th>
            </tr>
          </thead>
          <tbody id={ids.feed} sse-swap={sseEvents.scan} hx-swap="afterbegin">
            <FeedRows entries={props.feed} />
          </tbody>
        </table>
      </section>
    </div>
  );
}
