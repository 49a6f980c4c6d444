import { quarantineReasons } from "#contract/quarantine.js";
import type { Permits } from "#hub/web/permits.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { HoldView } from "../queries.js";

const CSS = `
.qt-said{padding:.5rem .75rem;border-radius:4px;margin:.5rem 0}
.qt-said.ok{background:#e8f5ec;color:#1b5e33}.qt-said.error{background:#fdf0f0;color:#a4262c;font-weight:600}
.qt-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.qt-form label{display:flex;flex-direction:column;font-size:.85rem}
tr.qt-asked td{background:#fff8e6}
.qt-tag{font-family:ui-monospace,monospace}
`;

const words = (r: string) => r.replace(/-/g, " ");

function Said(props: { said: { error?: string; ok?: string } }) {
  if (props.said.error)
    return (
      <p class="qt-said error" role="alert" data-said="error">
        Not done: {props.said.error}
      </p>
    );
  return props.said.ok ? (
    <p class="qt-said ok" role="status" data-said="ok">
      {props.said.ok}
    </p>
  ) : (
    ""
  );
}

/** What can be done with one hold, by who is signed in: ask for the release, or approve / deny it. */
function Actions(props: { h: HoldView; q: string; permits: Permits }) {
  const { h, q } = props;
  if (h.status === "held")
    return props.permits("POST", "/quarantine/release-requests") ? (
      <form class="qt-form" method="post" action={`/quarantine/release-requests${q}`}>
        <input type="hidden" name="label" value={h.label} />
        <input name="note" placeholder="why it may go back" maxlength={500} aria-label="Why it may be released" />
        <button type="submit" data-action="ask-release">
          Ask to release
        </button>
      </form>
    ) : (
      <span class="muted">held</span>
    );
  const canDecide = props.permits("POST", `/quarantine/approvals/${h.holdId}`);
  return (
    <div>
      <div>
        Release asked by {h.releaseAskedBy}: “{h.releaseNote}”
      </div>
      {canDecide ? (
        <form class="qt-form" method="post" action={`/quarantine/approvals/${h.holdId}${q}`}>
          <input name="to" value={h.fromLocation} aria-label="Release to" size={12} />
          <input name="note" placeholder="note" maxlength={500} aria-label="Note" />
          <button type="submit" name="decision" value="approve" data-action="approve">
            Approve release
          </button>
          <button type="submit" name="decision" value="deny" data-action="deny">
            Deny
          </button>
        </form>
      ) : (
        <span class="muted">waiting for a manager's approval</span>
      )}
    </div>
  );
}

function HeldTable(props: { holds: HoldView[]; zone: string; q: string; permits: Permits }) {
  if (props.holds.length === 0) return <p class="muted">Nothing is in quarantine.</p>;
  return (
    <table id="qt-held">
      <thead>
        <tr>
          <th>Package</th>
          <th>Why</th>
          <th>Where</th>
          <th>Since</th>
          <th>Release</th>
        </tr>
      </thead>
      <tbody>
        {props.holds.map((h) => (
          <tr
            data-hold={h.holdId}
            data-label={h.label}
            data-status={h.status}
            class={h.status === "release-asked" ? "qt-asked" : ""}
          >
            <td>
              <a class="qt-tag" href={`/packages/${h.label}`}>
                {h.label}
              </a>
              <div>{h.itemName ?? "—"}</div>
            </td>
            <td>
              {words(h.reason)}
              {h.note ? <div class="muted">{h.note}</div> : ""}
              {h.decisionNote && h.status === "held" ? <div class="muted">release denied: {h.decisionNote}</div> : ""}
            </td>
            <td>
              {h.location}
              <div class="muted">was {h.fromLocation}</div>
            </td>
            <td>
              {facilityTime(h.heldAt, props.zone)}
              <div class="muted">by {h.heldBy}</div>
            </td>
            <td>
              <Actions h={h} q={props.q} permits={props.permits} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HoldForm(props: { q: string; quarantineLocation: string }) {
  return (
    <form class="qt-form" id="qt-hold" method="post" action={`/quarantine/holds${props.q}`}>
      <label>
        Tag
        <input name="label" maxlength={24} size={26} />
      </label>
      <label>
        Why
        <select name="reason">
          {quarantineReasons.map((r) => (
            <option value={r}>{words(r)}</option>
          ))}
        </select>
      </label>
      <label>
        Note
        <input name="note" maxlength={500} />
      </label>
      <label>
        Shelf
        <input name="location" value={props.quarantineLocation} size={12} />
      </label>
      <button type="submit" data-action="hold">
        Put in quarantine
      </button>
    </form>
  );
}

/** GET /quarantine. */
export function QuarantinePage(props: {
  holds: HoldView[];
  released: HoldView[];
  zone: string;
  q: string;
  quarantineLocation: string;
  said: { error?: string; ok?: string };
  permits: Permits;
}) {
  return (
    <>
      <style>{CSS}</style>
      <Said said={props.said} />
      <section class="panel">
        <h2>In quarantine</h2>
        <p class="muted">
          Not sellable. A release needs the coordinator's ask and a manager's approval (someone other than who asked).
        </p>
        <TimeZoneNote zone={props.zone} />
        <HeldTable holds={props.holds} zone={props.zone} q={props.q} permits={props.permits} />
      </section>
      {props.permits("POST", "/quarantine/holds") ? (
        <section class="panel">
          <h2>Put a package in quarantine</h2>
          <HoldForm q={props.q} quarantineLocation={props.quarantineLocation} />
        </section>
      ) : (
        ""
      )}
      <section class="panel">
        <h2>Released lately</h2>
        {props.released.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <table id="qt-released">
            <tbody>
              {props.released.map((h) => (
                <tr data-hold={h.holdId} data-label={h.label}>
                  <td class="qt-tag">{h.label}</td>
                  <td>{words(h.reason)}</td>
                  <td>
                    to {h.releasedTo} · asked by {h.releaseAskedBy} · approved by {h.decidedBy} ·{" "}
                    {facilityTime(h.decidedAt, props.zone)}
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
