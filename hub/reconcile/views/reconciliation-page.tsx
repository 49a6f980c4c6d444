import type { VarianceClass } from "#hub/modules.js";
import { siteLabel, type Site } from "#hub/sites/site.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { CLASS_ORDER } from "../facts.js";
import type { RunSummary, StoredLine, StoredRun } from "../run-store.js";
import { RECONCILE_CSS } from "./style.js";

/** Each class in the coordinator's words. */
export const CLASS_WORDS: Record<VarianceClass, string> = {
  "sold-not-reported": "Sold, not reported to the state system",
  "reported-not-sold": "Reported, not sold",
  "quantity-mismatch": "Quantity differs",
  "unit-mismatch": "Unit differs",
  "unknown-tag": "Tag the state system does not know",
  "not-in-vault": "Not found by the full count",
  "not-in-state": "In the vault, inactive in the state system",
  "physical-short": "Counted short",
  "physical-over": "Counted over",
  "receiving-mismatch": "Received differs from the manifest",
  "sold-while-unsellable": "Sold while unsellable",
};

export interface ReconciliationPageProps {
  site: Site;
  /** The sites the login may pick. */
  sites: readonly Site[];
  day: string;
  run: StoredRun | undefined;
  /** Every run of the day, newest first. */
  runs: RunSummary[];
  error?: string | undefined;
  /** The signed-in person may start a run (auditors read only). */
  mayRun: boolean;
}

const figure = (n: number | null) => (n === null ? "—" : String(n));
const siteQuery = (site: Site, day: string) => `site=${encodeURIComponent(site.id)}&date=${day}`;

function Picker(props: ReconciliationPageProps) {
  return (
    <form class="rc-pick" method="get" action="/reconciliation">
      {props.sites.length > 1 ? (
        <label>
          Site
          <select name="site">
            {props.sites.map((s) => (
              <option value={s.id} selected={s.id === props.site.id}>
                {siteLabel(s)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="site" value={props.site.id} />
      )}
      <label>
        Business day <input type="date" name="date" value={props.day} required />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

function RunNow(props: ReconciliationPageProps) {
  if (!props.mayRun)
    return <p class="muted">Your sign-in reads reconciliations; running them is for coordinators and managers.</p>;
  return (
    <form class="rc-run" method="post" action="/reconciliation/run">
      <input type="hidden" name="site" value={props.site.id} />
      <input type="hidden" name="date" value={props.day} />
      <button type="submit">Run now</button>{" "}
      <span class="muted">syncs from the state system, then compares {props.day} again (earlier runs are kept)</span>
    </form>
  );
}

function Summary(props: { run: StoredRun }) {
  const total = props.run.lines.length;
  return (
    <>
      <p>
        {total === 0 ? (
          <span class="rc-ok">No differences: the POS, the state system, the ledger and the counts agree.</span>
        ) : (
          <b>
            {total} difference{total === 1 ? "" : "s"}
          </b>
        )}
      </p>
      <ul class="rc-summary" aria-label="Differences per class">
        {CLASS_ORDER.map((cls) => {
          const n = props.run.report.summary[cls] ?? 0;
          return (
            <li class={n > 0 ? "some" : ""} data-class={cls}>
              {n > 0 ? (
                <a href={`#${cls}`}>
                  {CLASS_WORDS[cls]} <b>{n}</b>
                </a>
              ) : (
                <span>
                  {CLASS_WORDS[cls]} <b>0</b>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function LineRows(props: { line: StoredLine; site: Site }) {
  const l = props.line;
  const pkg = `/packages/${encodeURIComponent(l.label)}?site=${encodeURIComponent(props.site.id)}`;
  return (
    <>
      <tr>
        <td>
          <a href={pkg}>
            <code>{l.label}</code>
          </a>
        </td>
        <td class="n">{figure(l.pos)}</td>
        <td class="n">{figure(l.state)}</td>
        <td class="n">{figure(l.ledger)}</td>
        <td class="n">{figure(l.physical)}</td>
        <td>
          {l.caseId ? (
            <a href={`/investigations/${encodeURIComponent(l.caseId)}`}>Case</a>
          ) : (
            <span class="muted">—</span>
          )}
        </td>
      </tr>
      <tr class="fix">
        <td colspan={6}>{l.fix}</td>
      </tr>
    </>
  );
}

function Lines(props: { run: StoredRun; site: Site }) {
  return (
    <>
      {CLASS_ORDER.filter((cls) => props.run.lines.some((l) => l.class === cls)).map((cls) => (
        <section class="rc-class" id={cls}>
          <h3>
            {CLASS_WORDS[cls]} <span class="muted">({cls})</span>
          </h3>
          <table class="rc-lines">
            <thead>
              <tr>
                <th>Package</th>
                <th>POS sold</th>
                <th>State sold</th>
                <th>Ledger</th>
                <th>Counted</th>
                <th>Case</th>
              </tr>
            </thead>
            <tbody>
              {props.run.lines
                .filter((l) => l.class === cls)
                .map((l) => (
                  <LineRows line={l} site={props.site} />
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function Runs(props: ReconciliationPageProps) {
  const zone = props.site.timeZone;
  return (
    <table class="rc-runs">
      <thead>
        <tr>
          <th>Started</th>
          <th>By</th>
          <th>How</th>
          <th>Differences</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((r) => (
          <tr>
            <td>{facilityTime(r.startedAt, zone)}</td>
            <td>{r.actor}</td>
            <td>{r.trigger}</td>
            <td>{r.lineCount}</td>
            <td>
              {r.runId === props.run?.runId ? (
                <b>shown</b>
              ) : (
                <a href={`/reconciliation?${siteQuery(props.site, props.day)}&run=${r.runId}`}>Show</a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GET /reconciliation */
export function ReconciliationPage(props: ReconciliationPageProps) {
  const run = props.run;
  const latest = props.runs[0]?.runId === run?.runId;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: RECONCILE_CSS }} />
      <section class="panel">
        <h2>
          Reconciliation of {props.day} <span class="muted">· {siteLabel(props.site)}</span>
        </h2>
        <Picker {...props} />
        {props.error && (
          <p class="warn" role="alert">
            {props.error}
          </p>
        )}
        <RunNow {...props} />
        <TimeZoneNote zone={props.site.timeZone} />
      </section>
      <section class="panel">
        {run ? (
          <>
            <h2>
              {latest ? "Latest run" : "Earlier run"}, {facilityTime(run.finishedAt, props.site.timeZone)}{" "}
              <span class="muted">
                by {run.actor} ({run.trigger})
              </span>
            </h2>
            <Summary run={run} />
            <Lines run={run} site={props.site} />
          </>
        ) : (
          <p>No run of {props.day} yet.</p>
        )}
      </section>
      {props.runs.length > 0 && (
        <section class="panel">
          <h2>Runs of {props.day}</h2>
          <Runs {...props} />
        </section>
      )}
    </>
  );
}
