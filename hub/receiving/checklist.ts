/**
 * The METRC receiving checklist of a manifest the vault finished. METRC takes a licensed
 * transfer's receipt in its web UI only (no API endpoint receives one), so a person types what the
 * vault verified into METRC's receive screen; the checklist lists each package in that screen's
 * order with what to click and what to type.
 */
import type { RejectReason } from "#contract/receiving.js";
import { manifestRecords } from "./queries.js";
import type { ReceivingLinesTable } from "./tables.js";
import type { Db } from "#hub/store/database.js";

/** One package row of the checklist. */
export interface ChecklistRow {
  /** 1-based, as METRC's receive screen lists the delivery's packages; unexpected packages have none. */
  position: number | null;
  label: string;
  itemName: string;
  shippedQuantity: number | null;
  shippedUnit: string | null;
  /** What to choose in METRC; "not-on-manifest" rows are not entered there. */
  action: "accept" | "reject" | "not-on-manifest";
  /** Quantity to enter as received (accepted packages), in `unit`. */
  receivedQuantity: number | null;
  unit: string | null;
  /** Where the vault put it: the location to choose in METRC for an accepted package. */
  location: string | null;
  /** The reason or note to type into METRC. */
  enter: string;
}

/** The checklist of one manifest. */
export interface Checklist {
  manifestNumber: string;
  shipperName: string;
  shipperLicense: string;
  status: "completed" | "rejected";
  completedAt: string;
  /** The whole manifest's refusal reason, when it was refused. */
  rejectReason: string | null;
  rows: ChecklistRow[];
}

/** Words for METRC's reject reason box, per kiosk reason. */
export const REJECT_WORDS: Record<RejectReason, string> = {
  "wrong-tag": "Wrong tag: the tag on the package does not match the manifest",
  "damaged-or-tampered": "Damaged or tampered packaging",
  "failed-lab": "Failed lab testing",
  "short-weight": "Short weight",
  "over-weight": "Over weight",
  "not-ordered": "Not ordered",
  "no-coa": "No certificate of analysis",
};

function q(n: number, unit: string): string {
  return `${Number(n.toFixed(2))} ${unit}`;
}

/** What to type for one decided line. */
function enterFor(line: ReceivingLinesTable, shipped: { quantity: number; unit: string } | null): string {
  const note = line.note ? ` (${line.note})` : "";
  if (line.decision === "reject") {
    const words = line.reason ? (REJECT_WORDS[line.reason as RejectReason] ?? line.reason) : "Rejected at the vault";
    const weighed =
      line.net_grams !== null && shipped
        ? `: net ${Number(Number(line.net_grams).toFixed(2))} g against ${q(shipped.quantity, shipped.unit)} shipped`
        : "";
    return `${words}${line.reason === "short-weight" || line.reason === "over-weight" ? weighed : ""}${note}`;
  }
  if (line.decision === "accept-corrected" && shipped) {
    return `Received quantity corrected at the vault: ${q(Number(line.received_quantity), line.unit)} against ${q(shipped.quantity, shipped.unit)} shipped${note}`;
  }
  return line.note ?? "";
}

/** `site`'s checklist of a manifest: null when the manifest is unknown; `{ open }` while the vault has not finished it. */
export async function buildChecklist(
  db: Db,
  site: string,
  manifestNumber: string,
): Promise<Checklist | { open: true; decided: number } | null> {
  const { view, manifest: m, lines } = await manifestRecords(db, site, manifestNumber);
  if (!m && !view) return null;
  if (!m || m.status === "in-progress") return { open: true, decided: lines.length };
  const rows: ChecklistRow[] = (view?.packages ?? []).map((p, i) => {
    const line = lines.find((l) => l.label === p.label && Number(l.unexpected) === 0);
    const shipped = { quantity: p.shippedQuantity, unit: p.shippedUnit };
    const base = {
      position: i + 1,
      label: p.label,
      itemName: p.itemName,
      shippedQuantity: p.shippedQuantity,
      shippedUnit: p.shippedUnit,
    };
    // A refused manifest is rejected whole in METRC, packages accepted before the refusal included.
    if (m.status === "rejected") {
      return {
        ...base,
        action: "reject",
        receivedQuantity: null,
        unit: null,
        location: null,
        enter: `Whole manifest refused: ${m.reject_reason ?? "see the vault's record"}`,
      };
    }
    if (!line)
      return {
        ...base,
        action: "reject",
        receivedQuantity: null,
        unit: null,
        location: null,
        enter: "Not found in the delivery at the vault",
      };
    if (line.decision === "reject")
      return {
        ...base,
        action: "reject",
        receivedQuantity: null,
        unit: null,
        location: null,
        enter: enterFor(line, shipped),
      };
    return {
      ...base,
      action: "accept",
      receivedQuantity: Number(line.received_quantity),
      unit: line.unit,
      location: line.location,
      enter: enterFor(line, shipped),
    };
  });
  const onManifest = new Set(rows.map((r) => r.label));
  for (const l of lines.filter((x) => Number(x.unexpected) === 1 || !onManifest.has(x.label))) {
    rows.push({
      position: null,
      label: l.label,
      itemName: "Not on this manifest",
      shippedQuantity: null,
      shippedUnit: null,
      action: "not-on-manifest",
      receivedQuantity: Number(l.received_quantity),
      unit: l.unit,
      location: l.location,
      enter: "Do not enter in METRC with this manifest: held in quarantine; contact the shipper",
    });
  }
  return {
    manifestNumber,
    shipperName: view?.shipperName ?? "",
    shipperLicense: view?.shipperLicense ?? "",
    status: m.status,
    completedAt: m.completed_at ?? m.updated_at,
    rejectReason: m.reject_reason,
    rows,
  };
}

function csvCell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The checklist as CSV (RFC 4180: CRLF line ends, quoted where needed), one package a row. */
export function checklistCsv(c: Checklist): string {
  const head = [
    "position",
    "label",
    "item",
    "shipped_quantity",
    "shipped_unit",
    "action",
    "received_quantity",
    "unit",
    "location",
    "enter_in_metrc",
  ];
  const rows = c.rows.map((r) => [
    r.position,
    r.label,
    r.itemName,
    r.shippedQuantity,
    r.shippedUnit,
    r.action,
    r.receivedQuantity,
    r.unit,
    r.location,
    r.enter,
  ]);
  return [head, ...rows].map((cols) => cols.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
