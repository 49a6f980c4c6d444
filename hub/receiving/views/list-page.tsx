import type { ManifestSummary } from "../queries.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { RECEIVING_CSS } from "./style.js";

/** How the list shows sites: `multi` adds a Site column and `?site=` to each manifest's links; `query` is the page's own. */
export interface SiteShown {
  multi: boolean;
  query: string;
}

const siteOf = (m: ManifestSummary, s: SiteShown) => (s.multi ? `?site=${encodeURIComponent(m.site)}` : "");

/** Progress bar with "n of N decided" in words (screen readers get the numbers). */
export function Progress(props: { decided: number; total: number }) {
  const pct = props.total === 0 ? 0 : Math.round((props.decided / props.total) * 100);
  return (
    <span class="rx-progress" title={`${props.decided} of ${props.total} decided`}>
      <span class="rx-bar">
        <span style={`width:${pct}%`}></span>
      </span>{" "}
      {props.decided} of {props.total}
    </span>
  );
}

function OpenTable(props: { rows: ManifestSummary[]; sites: SiteShown; zone: string }) {
  if (props.rows.length === 0) return <p class="muted">No manifest is waiting to be received.</p>;
  return (
    <table id="rx-open">
      <thead>
        <tr>
          {props.sites.multi && <th>Site</th>}
          <th>Manifest</th>
          <th>Shipper</th>
          <th>Arrival</th>
          <th>At the vault</th>
          <th>Station</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m) => (
          <tr data-manifest={m.manifestNumber} data-stage={m.stage} data-site={m.site}>
            {props.sites.multi && <td>{m.site}</td>}
            <td>
              <a href={`/receiving/${m.manifestNumber}${siteOf(m, props.sites)}`}>{m.manifestNumber}</a>
            </td>
            <td>{m.shipperName}</td>
            <td>{facilityTime(m.estimatedArrival, props.zone)}</td>
            <td>
              {m.stage === "open" ? (
                <span class="muted">not started · {m.total} packages</span>
              ) : (
                <Progress decided={m.decided} total={m.total} />
              )}
            </td>
            <td>{m.stationId ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FinishedTable(props: { rows: ManifestSummary[]; sites: SiteShown; zone: string }) {
  if (props.rows.length === 0) return <p class="muted">None yet.</p>;
  return (
    <table id="rx-finished">
      <thead>
        <tr>
          {props.sites.multi && <th>Site</th>}
          <th>Manifest</th>
          <th>Shipper</th>
          <th>Finished</th>
          <th>Accepted</th>
          <th>Rejected</th>
          <th>METRC differs</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m) => (
          <tr data-manifest={m.manifestNumber} data-stage={m.stage} data-flags={m.openFlags} data-site={m.site}>
            {props.sites.multi && <td>{m.site}</td>}
            <td>
              <a href={`/receiving/${m.manifestNumber}${siteOf(m, props.sites)}`}>{m.manifestNumber}</a>
              {m.stage === "rejected" ? <span class="warn"> refused</span> : null}
            </td>
            <td>{m.shipperName}</td>
            <td>{facilityTime(m.completedAt, props.zone)}</td>
            <td>{m.accepted}</td>
            <td>{m.rejected}</td>
            <td>
              {m.openFlags > 0 ? (
                <span class="rx-flag">{m.openFlags} flagged</span>
              ) : (
                <span class="muted">matches</span>
              )}
            </td>
            <td>
              <a href={`/receiving/${m.manifestNumber}/checklist${siteOf(m, props.sites)}`}>METRC checklist</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ONE_SITE: SiteShown = { multi: false, query: "" };

/** The receiving panels (refreshed in place every 10 s, for the same sites). */
export function ReceivingPanels(props: { manifests: ManifestSummary[]; sites?: SiteShown; zone: string }) {
  const sites = props.sites ?? ONE_SITE;
  const open = props.manifests.filter((m) => m.stage === "open" || m.stage === "in-progress");
  const finished = props.manifests.filter((m) => m.stage === "completed" || m.stage === "rejected");
  return (
    <div id="rx-panels" hx-get={`/receiving/parts/panels${sites.query}`} hx-trigger="every 10s" hx-swap="outerHTML">
      <section class="panel">
        <h2>Incoming manifests ({open.length})</h2>
        <p class="muted">
          Offered to the vault stations. Each package is verified at the vault, then entered in METRC from the
          checklist.
        </p>
        <OpenTable rows={open} sites={sites} zone={props.zone} />
      </section>
      <section class="panel">
        <h2>Received at the vault ({finished.length})</h2>
        <FinishedTable rows={finished} sites={sites} zone={props.zone} />
      </section>
    </div>
  );
}

/** GET /receiving */
export function ReceivingListPage(props: { manifests: ManifestSummary[]; sites?: SiteShown; zone: string }) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: RECEIVING_CSS }} />
      <TimeZoneNote zone={props.zone} />
      <ReceivingPanels manifests={props.manifests} sites={props.sites ?? ONE_SITE} zone={props.zone} />
    </>
  );
}
