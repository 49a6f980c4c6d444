import type { Item, Package } from "#contract/domain.js";
import type { PackageHistoryEntry } from "../../../ledger/history.js";
import { facilityDateTime } from "#contract/facility-time.js";
import { entryKind, summarize } from "../parts/history-words.js";

/** Data for a package page. */
export interface PackageProps {
  label: string;
  /** The site the package belongs to, shown when the hub serves several. */
  site?: { id: string; label: string } | undefined;
  pkg: Package | undefined;
  item: Item | null;
  history: PackageHistoryEntry[];
  /** FACILITY_TIME_ZONE, for the times in the history. */
  timeZone?: string | undefined;
}

function Facts(props: { pkg: Package; item: Item | null }) {
  const { pkg, item } = props;
  return (
    <dl class="counts">
      <dt>Item</dt>
      <dd>{item?.name ?? pkg.itemId}</dd>
      <dt>Quantity</dt>
      <dd>
        {pkg.quantity} {pkg.unit}
      </dd>
      <dt>Location</dt>
      <dd>{pkg.location}</dd>
      <dt>Status</dt>
      <dd>{pkg.status}</dd>
      <dt>Lab state</dt>
      <dd>{pkg.labState}</dd>
      <dt>Packaged</dt>
      <dd>{pkg.packagedDate}</dd>
      {pkg.expirationDate && (
        <>
          <dt>Expires</dt>
          <dd>{pkg.expirationDate}</dd>
        </>
      )}
      {pkg.batch && (
        <>
          <dt>Batch</dt>
          <dd>{pkg.batch}</dd>
        </>
      )}
    </dl>
  );
}

/** A package and its whole history, oldest first, for the manager and the auditor. */
export function PackagePage(props: PackageProps) {
  return (
    <section class="panel">
      <h2>
        Package <code>{props.label}</code>
        {props.site && <span class="muted"> at {props.site.label}</span>}
      </h2>
      {props.pkg ? (
        <Facts pkg={props.pkg} item={props.item} />
      ) : (
        <p class="warn">Not in the catalog: this tag was scanned but never received or synced.</p>
      )}
      <h2>History ({props.history.length} entries, oldest first)</h2>
      <p class="muted tz">Times in {props.timeZone ?? "UTC"}.</p>
      {props.history.length === 0 ? (
        <p class="muted">No station has recorded anything about this package yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Entry</th>
              <th>Who</th>
              <th>Station</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((h) => (
              <tr data-event={h.id} data-kind={h.kind}>
                <td title={h.at}>{facilityDateTime(h.at, props.timeZone ?? "UTC")}</td>
                <td>{entryKind(h)}</td>
                <td>
                  {h.employeeName ?? (h.employeeId ? `employee ${h.employeeId} (not in the employee list)` : "–")}
                </td>
                <td>{h.stationId ?? "–"}</td>
                <td>{summarize(h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div
        id="package-timeline"
        hx-get={`/packages/${props.label}/timeline${props.site ? `?site=${encodeURIComponent(props.site.id)}` : ""}`}
        hx-trigger="load"
      ></div>
      <p class="muted">
        <a href={`/api/packages/${props.label}${props.site ? `?site=${encodeURIComponent(props.site.id)}` : ""}`}>
          JSON
        </a>
      </p>
    </section>
  );
}

/** A refusal on the package page (bad tag, unknown tag), with the reason in words. */
export function PackageProblem(props: { message: string }) {
  return (
    <section class="panel">
      <h2>Package</h2>
      <p class="warn">{props.message}</p>
    </section>
  );
}
