import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { ClosedDoorAction, DoorSessionRow } from "../queries.js";

const CSS = `.dr-alert td{background:#fdf0f0}.dr-warn{color:#a4262c;font-weight:600}`;

function Sessions(props: { sessions: readonly DoorSessionRow[]; zone: string }) {
  if (props.sessions.length === 0) return <p class="muted">No door session recorded yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Station</th>
          <th>Door</th>
          <th>Opened</th>
          <th>Closed</th>
          <th>Signed in</th>
          <th>Held-open alarm</th>
        </tr>
      </thead>
      <tbody>
        {props.sessions.map((s) => (
          <tr
            data-door-session={s.doorSessionId}
            data-alarm={String(s.heldOpenAlarm !== null)}
            class={s.heldOpenAlarm ? "dr-alert" : ""}
          >
            <td>{s.stationId}</td>
            <td>{s.doorId}</td>
            <td>{facilityTime(s.openedAt, props.zone)}</td>
            <td>{s.closedAt ? facilityTime(s.closedAt, props.zone) : <span class="dr-warn">still open</span>}</td>
            <td class={s.openedBy ? "" : "dr-warn"}>{s.openedBy ?? "nobody"}</td>
            <td class={s.heldOpenAlarm ? "dr-warn" : ""}>
              {s.heldOpenAlarm
                ? `${facilityTime(s.heldOpenAlarm.at, props.zone)}, ${s.heldOpenAlarm.signedIn ?? "nobody"} signed in`
                : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClosedDoor(props: { actions: readonly ClosedDoorAction[]; zone: string }) {
  if (props.actions.length === 0)
    return <p class="muted">Every action a station recorded happened with the door open.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>When</th>
          <th>Station</th>
          <th>Package</th>
          <th>What</th>
          <th>From</th>
          <th>Who</th>
        </tr>
      </thead>
      <tbody>
        {props.actions.map((a) => (
          <tr data-closed-door={a.kind} data-label={a.label} class="dr-alert">
            <td>{facilityTime(a.at, props.zone)}</td>
            <td>{a.stationId}</td>
            <td>
              <a href={`/packages/${a.label}`}>{a.label}</a>
            </td>
            <td>
              {a.kind}: {a.what}
            </td>
            <td>{a.sourceKind ?? "—"}</td>
            <td>{a.employee ?? "nobody"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * GET /doors: every action a station recorded while no vault door was open (flagged: a package
 * changed at the vault with the door shut is worth a question), and the door sessions with who was
 * signed in and any held-open alarm. Times in the facility's zone.
 */
export function DoorsPage(props: {
  sessions: readonly DoorSessionRow[];
  actions: readonly ClosedDoorAction[];
  zone: string;
}) {
  return (
    <>
      <style>{CSS}</style>
      <section class="panel" id="closed-door-actions">
        <h2>
          Closed-door actions
          {props.actions.length > 0 ? <span class="warn"> · {props.actions.length} flagged</span> : null}
        </h2>
        <TimeZoneNote zone={props.zone} />
        <ClosedDoor actions={props.actions} zone={props.zone} />
      </section>
      <section class="panel" id="door-sessions">
        <h2>Door sessions</h2>
        <Sessions sessions={props.sessions} zone={props.zone} />
      </section>
    </>
  );
}
