import type { DeadLetter } from "../../../ledger/dead-letters.js";
import type { StationView } from "../../../ledger/stations.js";
import { ago } from "../parts/format.js";

/** Longest payload excerpt shown in the table, characters. */
const EXCERPT = 300;

/**
 * Stations that set journal lines aside at start (corrupt, or not a valid event): the lines never
 * left the station, so they are listed from its retained status, with where to find them.
 */
function SetAsideAtStations(props: { stations: StationView[] }) {
  const stations = props.stations.filter((s) => (s.status.setAside?.lines ?? 0) > 0);
  if (stations.length === 0) return null;
  return (
    <section class="panel" id="set-aside">
      <h2>Set aside at stations</h2>
      <p class="muted">
        Journal lines a station could not replay were moved to side files in its data folder. Nothing in them reached
        the ledger or was sent.
      </p>
      <table class="dead">
        <thead>
          <tr>
            <th>Station</th>
            <th>Lines</th>
            <th>Files</th>
            <th>Latest reason</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((s) => (
            <tr data-station={s.id}>
              <td>{s.id}</td>
              <td>{s.status.setAside!.lines.toLocaleString("en-US")}</td>
              <td>
                {s.status.setAside!.files.map((f) => (
                  <code>{f} </code>
                ))}
              </td>
              <td>{s.status.setAside!.latestReason ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The newest dead letters with topic, reason and what was received, for whoever fixes the sender. */
export function DeadLettersPage(props: {
  letters: DeadLetter[];
  total: number;
  nowMs: number;
  stations?: StationView[];
}) {
  return (
    <>
      <SetAsideAtStations stations={props.stations ?? []} />
      <section class="panel">
        <h2>Dead letters ({props.total.toLocaleString("en-US")})</h2>
        <p class="muted">
          Messages that failed validation were set aside here, with the topic they came on and why. Nothing in them
          reached the ledger.
        </p>
        {props.letters.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <table class="dead">
            <thead>
              <tr>
                <th>When</th>
                <th>Topic</th>
                <th>Reason</th>
                <th>Received</th>
              </tr>
            </thead>
            <tbody>
              {props.letters.map((d) => (
                <tr>
                  <td title={d.receivedAt}>{ago(d.receivedAt, props.nowMs)}</td>
                  <td>
                    <code>{d.topic}</code>
                  </td>
                  <td>{d.reason}</td>
                  <td>
                    <code>{d.payload.length > EXCERPT ? `${d.payload.slice(0, EXCERPT)}…` : d.payload}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
