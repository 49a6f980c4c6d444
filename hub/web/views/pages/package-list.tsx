import { labStates, packageStatuses } from "#contract/domain.js";
import type { PackageListPage } from "../../../ledger/package-list.js";
import { queryString, type PackageQuery } from "../../routes/package-filters.js";

export const listIds = { results: "package-results", form: "package-filters" } as const;

export interface PackageListProps {
  query: PackageQuery;
  page: PackageListPage;
  locations: string[];
  /** Set when the filter was refused: the reason, shown where the filter was typed. */
  problem?: string | undefined;
}

function Choice(props: { name: string; label: string; values: readonly string[]; value: string | undefined }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">any</option>
        {props.values.map((v) => (
          <option value={v} selected={v === props.value}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The filter form: any change reloads the results in place (htmx) and keeps the URL shareable. */
function Filters(props: { query: PackageQuery; locations: string[] }) {
  const q = props.query;
  return (
    <form
      id={listIds.form}
      class="filters"
      method="get"
      action="/packages"
      hx-get="/packages"
      hx-target={`#${listIds.results}`}
      hx-swap="outerHTML"
      hx-push-url="true"
      hx-trigger="change, submit, keyup changed delay:400ms from:input[name=item]"
    >
      <label>
        Item <input name="item" value={q.item ?? ""} placeholder="name or id" size={16} />
      </label>
      <Choice name="location" label="Location" values={props.locations} value={q.location} />
      <Choice name="status" label="Status" values={packageStatuses} value={q.status} />
      <Choice name="labState" label="Lab state" values={labStates} value={q.labState} />
      <label>
        Expires by <input type="date" name="expiresBy" value={q.expiresBy ?? ""} />
      </label>
      <label class="check">
        <span>Sellable</span>
        <input type="checkbox" name="sellable" value="true" checked={q.sellable === true} />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

/** The results table and its pager: what htmx swaps when a filter changes. */
export function PackageResults(props: PackageListProps) {
  const { page, query } = props;
  return (
    <div id={listIds.results}>
      {props.problem && (
        <p class="warn" role="alert">
          {props.problem}
        </p>
      )}
      <p class="muted">
        {page.total.toLocaleString("en-US")} packages{query.after ? ` (after ${query.after})` : ""}
      </p>
      <div class="table-scroll">
        <table class="packages">
          <thead>
            <tr>
              <th>Tag</th>
              <th>Item</th>
              <th>Quantity</th>
              <th>Location</th>
              <th>Status</th>
              <th>Lab state</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map(({ pkg, itemName }) => (
              <tr data-label={pkg.label}>
                <td>
                  <a href={`/packages/${pkg.label}`}>
                    <code>{pkg.label}</code>
                  </a>
                </td>
                <td>{itemName ?? pkg.itemId}</td>
                <td>
                  {pkg.quantity} {pkg.unit}
                </td>
                <td>{pkg.location}</td>
                <td>{pkg.status}</td>
                <td>{pkg.labState}</td>
                <td>{pkg.expirationDate ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        {query.after && <a href={`/packages${queryString(query)}`}>First page</a>}
        {page.next && (
          <a href={`/packages${queryString(query, page.next)}`} rel="next">
            Next {query.limit} →
          </a>
        )}
      </nav>
    </div>
  );
}

/** GET /packages: every package, filtered by item, location, status, lab state and expiry. */
export function PackageListPage(props: PackageListProps) {
  return (
    <section class="panel">
      <h2>Packages</h2>
      <Filters query={props.query} locations={props.locations} />
      <PackageResults {...props} />
    </section>
  );
}
