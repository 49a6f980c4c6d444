import type { AuditEntry } from "#hub/ledger/audit-chain.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";

/** Styles of the audit page on top of the dashboard's; the form wraps at 800×480. */
const AUDIT_CSS = `
.audit-form{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end}
.audit-form label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem}
.audit-form input,.audit-form button{font:inherit;padding:.35rem .6rem;min-height:2.2rem}
.audit-head code{word-break:break-all}
.audit-scroll{overflow-x:auto}
`;

export interface AuditPageProps {
  /** The facility's time zone: the form's days and the times shown are in it. */
  zone: string;
  /** Entries in the trail, and the newest (the chain's head, to compare with a file's last entry). */
  total: number;
  head: AuditEntry | undefined;
  /** The newest entries, newest first. */
  recent: AuditEntry[];
  /** The form's values and what was wrong with them. */
  from?: string;
  to?: string;
  error?: string;
  /** `?site=…` to keep on the export link, when a site was picked. */
  siteQuery?: string;
}

function ExportForm(props: AuditPageProps) {
  return (
    <form class="audit-form" method="get" action="/audit/export">
      <label>
        From (first day) <input type="date" name="from" value={props.from ?? ""} />
      </label>
      <label>
        To (last day) <input type="date" name="to" value={props.to ?? ""} />
      </label>
      {props.siteQuery ? <input type="hidden" name="site" value={props.siteQuery} /> : null}
      <button type="submit">Download export</button>
    </form>
  );
}

/** /audit: export a date range of the trail (the file `vaultline-hub audit export` writes) and the newest entries. */
export function AuditPage(props: AuditPageProps) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: AUDIT_CSS }} />
      <section class="panel">
        <h2>Export the audit trail</h2>
        <p>
          Days are the facility's, both included. Leave both empty for the whole trail. Check a file with{" "}
          <code>npx vaultline-hub audit verify FILE</code>.
        </p>
        {props.error ? (
          <p class="warn" role="alert">
            {props.error}
          </p>
        ) : null}
        <ExportForm {...props} />
        <TimeZoneNote zone={props.zone} />
      </section>
      <section class="panel audit-head">
        <h2>Chain</h2>
        <p>
          {props.total.toLocaleString("en-US")} entries.{" "}
          {props.head ? (
            <>
              Newest: entry {props.head.seq}, {facilityTime(props.head.at, props.zone)}, hash{" "}
              <code>{props.head.hash}</code> — a full export ends with this entry.
            </>
          ) : (
            "Nothing recorded yet."
          )}
        </p>
      </section>
      <section class="panel">
        <h2>Newest entries</h2>
        <div class="audit-scroll">
          <table>
            <thead>
              <tr>
                <th>Entry</th>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Subject</th>
              </tr>
            </thead>
            <tbody>
              {props.recent.map((e) => (
                <tr>
                  <td>{e.seq}</td>
                  <td>{facilityTime(e.at, props.zone)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.subject}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
