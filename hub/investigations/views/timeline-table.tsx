import { facilityTime } from "#hub/web/views/parts/facility-time.js";
import type { TimelineEntry } from "../timeline.js";

const KIND_WORDS: Record<TimelineEntry["kind"], string> = {
  receiving: "receiving",
  move: "move",
  scan: "scan",
  count: "count",
  station: "station",
  "sale-pos": "sale (POS)",
  "sale-state": "sale (state system)",
  adjustment: "adjustment",
  "state-request": "state-system request",
  investigation: "investigation",
};

function Door(props: { entry: TimelineEntry; zone: string }) {
  const s = props.entry.doorSession;
  if (!s) return <span class="muted">–</span>;
  const opened = s.openedAt ? facilityTime(s.openedAt, props.zone).slice(11) : "?";
  const closed = s.closedAt ? facilityTime(s.closedAt, props.zone).slice(11) : "still open";
  return (
    <span class="door" data-door-session={s.id} title={`door session ${s.id} on ${s.stationId}`}>
      door open {opened}–{closed}
      {s.heldOpenAlarm ? <span class="warn"> held open</span> : null}
    </span>
  );
}

/**
 * A package's whole timeline, oldest first, in the site's zone: one row per record, with where it
 * came from and the door session around it. Investigation rows link their case.
 */
export function TimelineTable(props: { entries: readonly TimelineEntry[]; zone: string; currentCase?: string }) {
  if (props.entries.length === 0) return <p class="muted">Nothing is recorded about this package yet.</p>;
  return (
    <div class="table-scroll">
      <table class="timeline">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th>What</th>
            <th>Who</th>
            <th>Door</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr data-kind={e.kind} data-source={e.source} data-entry={e.id}>
              <td title={e.at}>{facilityTime(e.at, props.zone)}</td>
              <td>{KIND_WORDS[e.kind]}</td>
              <td class="what">
                {e.kind === "investigation" && e.ref && e.ref !== props.currentCase ? (
                  <a href={`/investigations/${e.ref}`}>{e.what}</a>
                ) : (
                  e.what
                )}
              </td>
              <td>
                {e.who ?? "–"}
                {e.stationId ? <span class="muted"> · {e.stationId}</span> : null}
              </td>
              <td>
                <Door entry={e} zone={props.zone} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
