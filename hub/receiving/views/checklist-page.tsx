import type { Checklist } from "../checklist.js";
import { facilityTime, TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import { RECEIVING_CSS } from "./style.js";

/**
 * GET /receiving/:manifest/checklist — printable. One row per package in the order METRC's receive
 * screen lists them, with a box to tick as each is entered.
 */
export function ChecklistPage(props: { c: Checklist; q?: string; zone: string }) {
  const c = props.c;
  const q = props.q ?? "";
  const toEnter = c.rows.filter((r) => r.action !== "not-on-manifest");
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: RECEIVING_CSS }} />
      <section class="panel rx-checklist">
        <h2>METRC receiving checklist · manifest {c.manifestNumber}</h2>
        <TimeZoneNote zone={props.zone} />
        <p>
          {c.shipperName} <span class="muted">{c.shipperLicense}</span> · verified at the vault{" "}
          {facilityTime(c.completedAt, props.zone)} · {toEnter.filter((r) => r.action === "accept").length} to accept,{" "}
          {toEnter.filter((r) => r.action === "reject").length} to reject
        </p>
        {c.rejectReason ? (
          <p class="warn">The vault refused the whole manifest: {c.rejectReason}. Reject it in METRC.</p>
        ) : null}
        <p class="muted rx-noprint">
          In METRC: Transfers → Licensed → Incoming → manifest {c.manifestNumber} → Receive. Enter each package as
          below. <a href={`/api/receiving/${c.manifestNumber}/checklist${q ? `${q}&` : "?"}format=csv`}>CSV</a> ·{" "}
          <a href={`/api/receiving/${c.manifestNumber}/checklist${q}`}>JSON</a> ·{" "}
          <a href={`/receiving/${c.manifestNumber}${q}`}>manifest</a>
        </p>
        <table id="rx-checklist">
          <thead>
            <tr>
              <th>✓</th>
              <th>#</th>
              <th>Tag</th>
              <th>Item</th>
              <th>Shipped</th>
              <th>Action</th>
              <th>Received qty</th>
              <th>Location</th>
              <th>Type in METRC</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr data-label={r.label} data-action={r.action}>
                <td>
                  <span class="rx-box"></span>
                </td>
                <td>{r.position ?? "—"}</td>
                <td>
                  <code>{r.label}</code>
                </td>
                <td>{r.itemName}</td>
                <td>{r.shippedQuantity === null ? "—" : `${r.shippedQuantity} ${r.shippedUnit ?? ""}`}</td>
                <td class={r.action === "accept" ? "rx-accept" : "rx-reject"}>
                  {r.action === "not-on-manifest" ? "not on manifest" : r.action.toUpperCase()}
                </td>
                <td>
                  {r.action === "accept" && r.receivedQuantity !== null ? `${r.receivedQuantity} ${r.unit ?? ""}` : "—"}
                </td>
                <td>{r.action === "accept" ? r.location : "—"}</td>
                <td class="enter">{r.enter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
