import type { StationView } from "../../../ledger/stations.js";
import { ids } from "../ids.js";
import { ago } from "./format.js";

function Devices(props: { station: StationView }) {
  const devices = props.station.status.devices ?? [];
  if (devices.length === 0) return <span class="muted">no device report</span>;
  return (
    <ul class="devices">
      {devices.map((d) => (
        <li class={`dev dev-${d.state}`} title={d.reason ?? d.lastReading ?? ""}>
          {d.name}: {d.state}
          {d.reason ? ` (${d.reason})` : ""}
        </li>
      ))}
    </ul>
  );
}

/** Disk full and set-aside journal lines, beside the outbox depth: both need someone at the station. */
function Storage(props: { station: StationView }) {
  const { diskFull, setAside } = props.station.status;
  return (
    <>
      {diskFull ? (
        <span class="warn" data-disk-full="true">
          {" "}
          · disk full
        </span>
      ) : null}
      {setAside && setAside.lines > 0 ? (
        <a class="warn" href="/dead-letters#set-aside" title={setAside.latestReason ?? ""}>
          {" "}
          · {setAside.lines.toLocaleString("en-US")} set aside
        </a>
      ) : null}
    </>
  );
}

/** Every station: online/offline, last heard, outbox depth (disk full, set-aside lines), who is signed in, device states. */
export function StationsPanel(props: { stations: StationView[]; nowMs: number }) {
  return (
    <section id={ids.stations} class="panel">
      <h2>Stations</h2>
      {props.stations.length === 0 ? (
        <p class="muted">No station has connected yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Station</th>
              <th>Site</th>
              <th>State</th>
              <th>Last seen</th>
              <th>Outbox</th>
              <th>Signed in</th>
              <th>Devices</th>
            </tr>
          </thead>
          <tbody>
            {props.stations.map((s) => (
              <tr class={s.online ? "online" : "offline"} data-station={s.id}>
                <td>{s.id}</td>
                <td>{s.siteId}</td>
                <td class="state">{s.online ? "online" : "offline"}</td>
                <td title={s.lastSeen}>{ago(s.lastSeen, props.nowMs)}</td>
                <td>
                  {s.status.outboxDepth ?? "–"}
                  <Storage station={s} />
                </td>
                <td>{s.status.signedIn?.name ?? "–"}</td>
                <td>
                  <Devices station={s} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
