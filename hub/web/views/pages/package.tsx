import type { Item, Package } from "#contract/domain.js";
import type { PackageHistoryEntry } from "../../../ledger/history.js";
import { clockTime } from "../parts/format.js";

/** Data for a package page. */
export interface PackageProps {
  label: string;
  /** The site the package belongs to, shown when the hub serves several. */
  site?: { id: string; label: string } | undefined;
  pkg: Package | undefined;
  item: Item | null;
  history: PackageHistoryEntry[];
}

function fromSource(source: { kind: string; ref: string | null } | null): string {
  return source?.ref ? ` (${source.kind} ${source.ref})` : "";
}

/** One line about what an entry recorded: an event from its payload, a movement or adjustment from its fields. */
export function summarize(entry: PackageHistoryEntry): string {
  if (entry.kind === "movement") {
    const from = entry.from ? `${entry.from.location} (${entry.from.status})` : "entered the ledger";
    return `${from} → ${entry.to.location} (${entry.to.status}), ${entry.quantity} ${entry.unit}: ${entry.reason}${fromSource(entry.source)}`;
  }
  if (entry.kind === "adjustment") {
    const sign = entry.delta > 0 ? "+" : "";
    return `${entry.quantityBefore} → ${entry.quantityAfter} ${entry.unit} (${sign}${entry.delta}): ${entry.reason}${entry.note ? ` – ${entry.note}` : ""}${fromSource(entry.source)}`;
  }
  const p = entry.payload as Record<string, unknown>;
  switch (entry.type) {
    case "scan":
      return `scanned in ${String(p.workflow)}`;
    case "weight":
      return `${String(p.grams)} g${p.stable ? " stable" : " unstable"}${p.overload ? ", overload" : ""}`;
    case "count":
      return `counted ${String(p.quantity)} ${String(p.unit)} by ${String(p.method)}`;
    case "print":
      return `${String(p.template)} label ${p.ok ? "printed" : `failed: ${String(p.error ?? "unknown")}`}`;
    default:
      return entry.type;
  }
}

function Facts(props: { pkg: Package; item: Item | null }) {
  const { pkg, item } = props;
  return (
    <dl class="counts">
      <dt>Item</dt><dd>{item?.name ?? pkg.itemId}</dd>
      <dt>Quantity</dt><dd>{pkg.quantity} {pkg.unit}</dd>
      <dt>Location</dt><dd>{pkg.location}</dd>
      <dt>Status</dt><dd>{pkg.status}</dd>
      <dt>Lab state</dt><dd>{pkg.labState}</dd>
      <dt>Packaged</dt><dd>{pkg.packagedDate}</dd>
      {pkg.expirationDate && <><dt>Expires</dt><dd>{pkg.expirationDate}</dd></>}
      {pkg.batch && <><dt>Batch</dt><dd>{pkg.batch}</dd></>}
    </dl>
  );
}

/** A package and its whole history, oldest first, for the manager and the auditor. */
export function PackagePage(props: PackageProps) {
  return (
    <section class="panel">
      <h2>Package <code>{props.label}</code>{props.site && <span class="muted"> at {props.site.label}</span>}</h2>
      {props.pkg ? <Facts pkg={props.pkg} item={props.item} /> : <p class="warn">Not in the catalog: this tag was scanned but never received or synced.</p>}
      <h2>History ({props.history.length})</h2>
      {props.history.length === 0 ? (
        <p class="muted">No station has recorded anything about this package yet.</p>
      ) : (
        <table>
          <thead><tr><th>Date</th><th>Time (UTC)</th><th>Event</th><th>Station</th><th>Employee</th><th>What</th></tr></thead>
          <tbody>
            {props.history.map((h) => (
              <tr data-event={h.id}>
                <td>{h.at.slice(0, 10)}</td>
                <td>{clockTime(h.at)}</td>
                <td>{h.type}</td>
                <td>{h.stationId ?? "–"}</td>
                <td>{h.employeeName ?? h.employeeId ?? "–"}</td>
                <td>{summarize(h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted"><a href={`/api/packages/${props.label}${props.site ? `?site=${encodeURIComponent(props.site.id)}` : ""}`}>JSON</a></p>
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
