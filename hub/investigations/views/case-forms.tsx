import type { AdjustmentReason, StateWrite } from "#hub/statesystem/port.js";
import { facilityTime } from "#hub/web/views/parts/facility-time.js";
import type { CaseDetail, CaseResolution } from "../cases.js";
import { ROOT_CAUSES } from "../tables.js";

const ROOT_CAUSE_WORDS: Record<(typeof ROOT_CAUSES)[number], string> = {
  "data-entry": "Data entry",
  "mis-scan": "Mis-scan",
  damage: "Damage",
  theft: "Theft",
  vendor: "Vendor",
  integration: "Integration",
  unknown: "Unknown",
};

/** A form that posts with htmx and swaps the case (and still posts without script). */
function CaseForm(props: { c: CaseDetail; action: string; name: string; children?: unknown; path?: string }) {
  const url = props.path ?? `/investigations/${props.c.id}/${props.action}`;
  return (
    <form
      class="inv-form"
      data-form={props.name}
      method="post"
      action={url}
      hx-post={url}
      hx-target="#inv-case"
      hx-swap="outerHTML show:#inv-case:top"
      hx-disabled-elt="find button"
    >
      {props.children as never}
    </form>
  );
}

export function RootCauseForm(props: { c: CaseDetail }) {
  return (
    <CaseForm c={props.c} action="root-cause" name="root-cause">
      <label>
        Root cause
        <select name="cause">
          <option value="">choose…</option>
          {ROOT_CAUSES.map((r) => (
            <option value={r} selected={props.c.rootCause === r}>
              {ROOT_CAUSE_WORDS[r]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Save root cause</button>
    </CaseForm>
  );
}

export function CloseForm(props: { c: CaseDetail }) {
  return (
    <CaseForm c={props.c} action="close" name="close">
      <button type="submit">Close investigation</button>
    </CaseForm>
  );
}

export function AssignForm(props: { c: CaseDetail; employees: { id: string; name: string; role: string }[] }) {
  return (
    <CaseForm c={props.c} action="assign" name="assign">
      <label>
        Assignee
        <select name="assignee">
          <option value="">nobody</option>
          {props.employees.map((e) => (
            <option value={e.id} selected={props.c.assignee === e.id}>
              {e.name} ({e.role})
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Assign</button>
    </CaseForm>
  );
}

export function NoteForms(props: { c: CaseDetail }) {
  return (
    <>
      <CaseForm c={props.c} action="notes" name="note">
        <label class="wide">
          Note
          <textarea name="text" maxlength={2000}></textarea>
        </label>
        <button type="submit">Add note</button>
      </CaseForm>
      <CaseForm c={props.c} action="evidence" name="evidence">
        <label>
          Camera <input name="camera" maxlength={80} size={14} />
        </label>
        <label>
          Time on the recording <input type="datetime-local" name="at" />
        </label>
        <label class="wide">
          What it shows <input name="text" maxlength={2000} />
        </label>
        <button type="submit">Add evidence</button>
      </CaseForm>
    </>
  );
}

function AdjustmentForm(props: { c: CaseDetail; unit: string; reasons: AdjustmentReason[]; suggested: number | null }) {
  return (
    <CaseForm c={props.c} action="propose" name="adjustment">
      <input type="hidden" name="kind" value="adjustment" />
      <label>
        Change ({props.unit}){" "}
        <input
          name="quantity"
          inputmode="decimal"
          size={7}
          value={props.suggested === null ? "" : String(props.suggested)}
        />
      </label>
      <label>
        State-system reason
        <select name="reason">
          <option value="">choose…</option>
          {props.reasons.map((r) => (
            <option value={r.name}>
              {r.name}
              {r.requiresNote ? " (note required)" : ""}
            </option>
          ))}
        </select>
      </label>
      <label class="wide">
        Note <input name="note" maxlength={500} />
      </label>
      <button type="submit">Propose adjustment</button>
    </CaseForm>
  );
}

function ReceiptForm(props: { c: CaseDetail; receipts: { externalNumber: string; what: string }[] }) {
  return (
    <CaseForm c={props.c} action="propose" name="receipt">
      <input type="hidden" name="kind" value="receipt" />
      <label>
        Void state receipt
        <select name="voidExternalNumber">
          <option value="">none</option>
          {props.receipts.map((r) => (
            <option value={r.externalNumber}>{r.what}</option>
          ))}
        </select>
      </label>
      <label>
        Sold at <input type="datetime-local" name="soldAt" />
      </label>
      <label>
        Quantity <input name="quantity" inputmode="decimal" size={6} />
      </label>
      <label>
        Total ($) <input name="total" inputmode="decimal" size={7} />
      </label>
      <button type="submit">Propose receipt</button>
    </CaseForm>
  );
}

/** The two kinds of resolution the coordinator may propose. */
export function ProposeForms(props: {
  c: CaseDetail;
  unit: string | null;
  reasons: AdjustmentReason[];
  receipts: { externalNumber: string; what: string }[];
  suggested: number | null;
}) {
  return (
    <>
      <h4>Adjustment</h4>
      {props.unit === null ? (
        <p class="muted">The ledger does not hold this package: no adjustment can be made to it.</p>
      ) : (
        <AdjustmentForm c={props.c} unit={props.unit} reasons={props.reasons} suggested={props.suggested} />
      )}
      <h4>Corrected sales receipt</h4>
      <ReceiptForm c={props.c} receipts={props.receipts} />
    </>
  );
}

function writeWords(w: StateWrite): string {
  switch (w.kind) {
    case "adjustment":
      return `adjust ${w.quantity > 0 ? "+" : ""}${w.quantity} ${w.unit}, reason ${w.reason}${w.note ? ` (${w.note})` : ""}, dated ${w.date}`;
    case "receipt":
      return `report receipt ${w.externalNumber}: ${w.lines.map((l) => `${l.quantity} ${l.unit} for $${l.totalAmount.toFixed(2)}`).join(", ")}`;
    case "receipt-void":
      return `void receipt ${w.externalNumber}`;
    default:
      return w.kind;
  }
}

const STATUS_WORDS: Record<CaseResolution["status"], string> = {
  proposed: "awaiting a manager's approval",
  refused: "refused",
  approved: "approved, being queued to the state system",
  queued: "queued to the state system",
};

/** The case's resolutions, the waiting one with the manager's approve and refuse buttons. */
export function Resolutions(props: {
  c: CaseDetail;
  zone: string;
  mayApprove: boolean;
  /** Who is signed in: nobody approves their own proposal. */
  me: string;
  name: (id: string | null) => string;
  queue: Record<string, string>;
}) {
  return (
    <ul class="inv-resolutions">
      {props.c.resolutions.map((r) => (
        <li data-resolution={r.id} data-status={r.status} class={r.status === "proposed" ? "inv-waiting" : ""}>
          <strong>{r.kind === "adjustment" ? "Adjustment" : "Corrected receipt"}</strong>:{" "}
          {r.writes.map(writeWords).join("; ")}
          {r.value !== null ? ` · worth $${r.value.toFixed(2)}` : ""}
          <br />
          <span class="muted">
            proposed by {props.name(r.proposedBy)} {facilityTime(r.proposedAt, props.zone)} · {STATUS_WORDS[r.status]}
            {r.needsApproval && r.decidedBy
              ? ` · ${r.status === "refused" ? "refused" : "approved"} by ${props.name(r.decidedBy)}`
              : ""}
            {r.decisionNote ? `: ${r.decisionNote}` : ""}
            {r.submissionIds.length > 0
              ? ` · state system: ${r.submissionIds.map((id) => props.queue[id] ?? "queued").join(", ")}`
              : ""}
          </span>
          {r.status === "proposed" && props.mayApprove && r.proposedBy === props.me && (
            <p class="muted">Another manager approves what you proposed.</p>
          )}
          {r.status === "proposed" && props.mayApprove && r.proposedBy !== props.me && (
            <div class="inv-decide">
              <CaseForm c={props.c} action="approve" name="approve" path={`/investigations/approvals/${props.c.id}`}>
                <button type="submit">Approve</button>
              </CaseForm>
              <CaseForm
                c={props.c}
                action="refuse"
                name="refuse"
                path={`/investigations/approvals/${props.c.id}/refuse`}
              >
                <label class="wide">
                  Why refused <input name="why" maxlength={2000} />
                </label>
                <button type="submit">Refuse</button>
              </CaseForm>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
