import type { DeadLetter } from "../../../ledger/dead-letters.js";
import { ago } from "../parts/format.js";

/** Longest payload excerpt shown in the table, characters. */
const EXCERPT = 300;

/** The newest dead letters with topic, reason and what was received, for whoever fixes the sender. */
export function DeadLettersPage(props: { letters: DeadLetter[]; total: number; nowMs: number }) {
  return (
    <section class="panel">
      <h2>Dead letters ({props.total.toLocaleString("en-US")})</h2>
      <p class="muted">Messages that failed validation were set aside here, with the topic they came on and why. Nothing in them reached the ledger.</p>
      {props.letters.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="dead">
          <thead><tr><th>When</th><th>Topic</th><th>Reason</th><th>Received</th></tr></thead>
          <tbody>
            {props.letters.map((d) => (
              <tr>
                <td title={d.receivedAt}>{ago(d.receivedAt, props.nowMs)}</td>
                <td><code>{d.topic}</code></td>
                <td>{d.reason}</td>
                <td><code>{d.payload.length > EXCERPT ? `${d.payload.slice(0, EXCERPT)}…` : d.payload}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
