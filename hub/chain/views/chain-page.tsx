import type { FC } from "hono/jsx";
import { facilityTime } from "#hub/web/views/parts/facility-time.js";
import type { SiteOverview } from "../overview.js";

/** Props: every site the sign-in may see, in the hub's order. */
export interface ChainPageProps {
  sites: SiteOverview[];
  /** False when the investigations module is not installed (no variance figures to show). */
  investigations: boolean;
}

const SiteRow: FC<{ s: SiteOverview; investigations: boolean }> = ({ s, investigations }) => (
  <tr>
    <th scope="row">
      <a href={`/?site=${encodeURIComponent(s.id)}`}>{s.label}</a>
    </th>
    {investigations && (
      <td class={s.investigations && s.investigations.open > 0 ? "warn" : ""}>
        <a href={`/investigations?site=${encodeURIComponent(s.id)}`}>{s.investigations?.open ?? 0} open</a>
        {s.investigations && s.investigations.escalated > 0 ? `, ${s.investigations.escalated} escalated` : ""}
      </td>
    )}
    <td class={s.failedWrites > 0 ? "warn" : ""}>
      <a href={`/statesystem?site=${encodeURIComponent(s.id)}`}>{s.failedWrites} failed</a>
      {s.openWrites > 0 ? `, ${s.openWrites} waiting` : ""}
    </td>
    <td class={s.offline.length > 0 ? "warn" : ""}>
      {s.offline.length} of {s.stations} offline
      {s.offline.length > 0 && (
        <ul>
          {s.offline.map((st) => (
            <li>
              {st.id}, last heard {facilityTime(st.lastSeen, s.timeZone)}
            </li>
          ))}
        </ul>
      )}
    </td>
  </tr>
);

/** The compliance team's chain view: one row per site, what needs a person first. */
export const ChainPage: FC<ChainPageProps> = ({ sites, investigations }) => (
  <section>
    <h1>Chain</h1>
    <p>
      Every site this sign-in may see: open variances, state-system writes the state system refused, and stations not
      heard from. Times are each site's own.
    </p>
    <table class="chain">
      <thead>
        <tr>
          <th scope="col">Site</th>
          {investigations && <th scope="col">Variances (today)</th>}
          <th scope="col">State-system writes</th>
          <th scope="col">Stations</th>
        </tr>
      </thead>
      <tbody>
        {sites.map((s) => (
          <SiteRow s={s} investigations={investigations} />
        ))}
      </tbody>
    </table>
    {!investigations && <p class="note">Variance investigations are not installed on this hub.</p>}
  </section>
);
