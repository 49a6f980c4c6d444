import type { LineDetail, ManifestDetail } from "../queries.js";
import { Progress } from "./list-page.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { RECEIVING_CSS } from "./style.js";

function qty(n: number | null, unit: string | null): string {
  return n === null ? "—" : `${Number(n.toFixed(2))} ${unit ?? ""}`.trim();
}

function VaultCell(props: { line: LineDetail; refused: boolean }) {
  const v = props.line.vault;
  // A manifest refused whole is rejected package by package, as its checklist says.
  const whole = props.refused ? (
    <>
      <br />
      <span class="rx-reject">rejected with the whole manifest</span>
    </>
  ) : null;
  if (!v)
    return props.refused ? (
      <span class="rx-reject" data-vault="refused">
        rejected with the whole manifest
      </span>
    ) : (
      <span class="muted">not decided</span>
    );
  const cls = v.decision === "reject" ? "rx-reject" : "rx-accept";
  return (
    <span>
      <span class={cls}>{v.decision}</span> {qty(v.receivedQuantity, v.unit)}
      {v.netGrams !== null ? <span class="muted"> (net {v.netGrams} g)</span> : null}
      {v.reason ? <span> · {v.reason}</span> : null}
      <br />
      <span class="muted">
        {v.location}
        {v.employeeId ? ` · ${v.employeeId}` : ""}
      </span>
      {whole}
    </span>
  );
}

function LinesTable(props: { lines: LineDetail[]; q: string; refused: boolean }) {
  return (
    <table id="rx-lines">
      <thead>
        <tr>
          <th>#</th>
          <th>Tag</th>
          <th>Item</th>
          <th>Shipped</th>
          <th>Lab</th>
          <th>Vault</th>
          <th>METRC</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l) => (
          <tr data-label={l.label} data-flags={l.flags.join(" ")} class={l.flags.length > 0 ? "rx-flagged" : ""}>
            <td>{l.position}</td>
            <td>
              <a href={`/packages/${l.label}${props.q}`}>
                <code>{l.label}</code>
              </a>
            </td>
            <td>{l.itemName}</td>
            <td>{qty(l.shippedQuantity, l.shippedUnit)}</td>
            <td class={l.labState === "TestPassed" ? "" : "warn"}>{l.labState}</td>
            <td>
              <VaultCell line={l} refused={props.refused} />
            </td>
            <td>
              {l.stateSystem.state}
              {l.stateSystem.receivedQuantity !== null
                ? ` · ${qty(l.stateSystem.receivedQuantity, l.stateSystem.receivedUnit)}`
                : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FlagsPanel(props: { flags: ManifestDetail["flags"]; zone: string }) {
  const open = props.flags.filter((f) => f.clearedAt === null);
  return (
    <section class="panel" id="rx-flags">
      <h2>Where METRC differs from the vault ({open.length})</h2>
      {open.length === 0 ? (
        <p class="muted">
          Nothing flagged: METRC's record matches what the vault verified, or METRC has not been received yet.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Tag</th>
              <th>What</th>
              <th>Details</th>
              <th>Since</th>
            </tr>
          </thead>
          <tbody>
            {open.map((f) => (
              <tr data-label={f.label} data-kind={f.kind}>
                <td>
                  <code>{f.label}</code>
                </td>
                <td class="rx-flag">{f.kind}</td>
                <td>{f.detail}</td>
                <td>{facilityTime(f.flaggedAt, props.zone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * GET /receiving/:manifest — lines with the vault's decision next to METRC's record, and the
 * flags. `q` (`?site=…`, when the hub serves several sites) goes into every link.
 */
export function ManifestPage(props: {
  m: ManifestDetail;
  q?: string;
  zone: string;
  lastCheck?: { at: string; said: string } | null;
}) {
  const m = props.m;
  const q = props.q ?? "";
  const finished = m.stage === "completed" || m.stage === "rejected";
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: RECEIVING_CSS }} />
      <section class="panel">
        <h2>
          Manifest {m.manifestNumber} · {m.shipperName} <span class="muted">{m.shipperLicense}</span>
          {q ? <span class="muted"> · site {m.site}</span> : null}
        </h2>
        <p>
          Stage: <strong data-stage={m.stage}>{m.stage}</strong> · <Progress decided={m.decided} total={m.total} />
          {m.stationId ? ` · station ${m.stationId}` : ""}
          {m.completedAt ? ` · finished ${facilityTime(m.completedAt, props.zone)}` : ""}
        </p>
        <TimeZoneNote zone={props.zone} />
        {m.rejectReason ? <p class="warn">Whole manifest refused: {m.rejectReason}</p> : null}
        {finished ? (
          <p data-refusals>
            <a href={`/receiving/${m.manifestNumber}/checklist${q}`}>METRC receiving checklist</a> ·{" "}
            <a href={`/api/receiving/${m.manifestNumber}/checklist${q ? `${q}&` : "?"}format=csv`}>CSV</a>{" "}
            <button
              hx-post={`/receiving/check${q}`}
              hx-target="#rx-check"
              hx-swap="innerHTML"
              data-action="check-metrc"
            >
              Check METRC now
            </button>{" "}
            <span id="rx-check" aria-live="polite">
              {props.lastCheck ? (
                <span class="muted" data-checked={props.lastCheck.at}>
                  Checked {facilityTime(props.lastCheck.at, props.zone)}: {props.lastCheck.said}
                </span>
              ) : null}
            </span>
          </p>
        ) : null}
      </section>
      <FlagsPanel flags={m.flags} zone={props.zone} />
      <section class="panel">
        <h2>Packages ({m.lines.length})</h2>
        <LinesTable lines={m.lines} q={q} refused={m.stage === "rejected"} />
      </section>
      {m.unexpected.length > 0 ? (
        <section class="panel" id="rx-unexpected">
          <h2>Scanned but not on this manifest ({m.unexpected.length})</h2>
          <ul>
            {m.unexpected.map((u) => (
              <li>
                <code>{u.label}</code> → {u.location} ({qty(u.receivedQuantity, u.unit)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A manifest number that does not answer, or does not read as one. */
export function ReceivingProblem(props: { message: string }) {
  return (
    <section class="panel">
      <p class="warn">{props.message}</p>
      <p>
        <a href="/receiving">All manifests</a>
      </p>
    </section>
  );
}
