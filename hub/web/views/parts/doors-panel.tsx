import type { DoorEntry } from "../../live.js";
import { ids } from "../ids.js";
import { ago } from "./format.js";

/** What happened at the door, in words; an opening with nobody signed in and a held-open alarm are alerts. */
function what(d: DoorEntry): { text: string; alert: boolean } {
  const who = d.employeeName ?? d.employeeId;
  if (d.heldOpenAlarm && d.open)
    return { text: `held open past its limit: alarm, ${who ? `${who} signed in` : "nobody signed in"}`, alert: true };
  if (!d.open) return { text: d.heldOpenAlarm ? "closed after an alarm" : "closed", alert: false };
  return who
    ? { text: `opened, ${who} signed in`, alert: false }
    : { text: "opened with nobody signed in at the station", alert: true };
}

/**
 * The vault doors: the latest openings and closings the stations reported (kept in the ledger,
 * so a hub restart keeps them), newest first; an opening with nobody signed in (no one on record for who entered) and a door held open
 * are marked as alerts. Relative times ("3 min ago") need no zone.
 */
export function DoorsPanel(props: { doors: readonly DoorEntry[]; nowMs: number }) {
  const alerts = props.doors.filter((d) => what(d).alert).length;
  return (
    <section id={ids.doors} class="panel">
      <h2>
        Vault doors
        {alerts > 0 ? (
          <span class="warn">
            {" "}
            · {alerts} alert{alerts === 1 ? "" : "s"}
          </span>
        ) : null}
      </h2>
      {props.doors.length === 0 ? (
        <p class="muted">No door event recorded yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Station</th>
              <th>Door</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {props.doors.map((d) => {
              const w = what(d);
              return (
                <tr data-door-event={d.id} data-alert={String(w.alert)} class={w.alert ? "door-alert" : ""}>
                  <td>{ago(d.at, props.nowMs)}</td>
                  <td>{d.stationId}</td>
                  <td>{d.doorId}</td>
                  <td class={w.alert ? "warn" : ""}>{w.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
