/**
 * The rows behind a package's timeline (timeline.ts), read from every module's tables: the
 * ledger's history, POS sales, the state system's receipts, receiving record and request log,
 * investigations, and the door events of the stations involved. Read-only.
 */
import { fullPackageHistory } from "#hub/ledger/history.js";
import { toInstant } from "#hub/receiving/local-time.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { StateReceiptLine } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import {
  assembleTimeline,
  doorSessions,
  historyEntries,
  type DoorEventRow,
  type DoorSession,
  type TimelineEntry,
} from "./timeline.js";

const money = (n: number) => `$${Number(n).toFixed(2)}`;
const qty = (n: number, unit: string) => `${Number(Number(n).toFixed(4))} ${unit}`;

async function posSales(db: Db, site: string, label: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("pos_sales")
    .selectAll()
    .where("site_id", "=", site)
    .where("package_label", "=", label)
    .execute();
  return rows.map((r) => ({
    id: `pos:${r.source}:${r.receipt_id}:${r.line_id}`,
    at: r.completed_at,
    kind: "sale-pos",
    source: "pos",
    what: `POS ${Number(r.quantity) < 0 ? "return" : "sale"}: ${qty(r.quantity, r.unit)} for ${money(r.total)}, receipt ${r.receipt_id} line ${r.line_id} (${r.source})${Number(r.voided) ? ", voided" : ""}${Number(r.attributed) ? ", attributed by SKU" : ""}`,
    who: null,
    stationId: null,
    ref: r.receipt_id,
    doorSession: null,
  }));
}

async function stateReceipts(db: Db, site: string, label: string, timeZone: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("ss_receipts")
    .selectAll()
    .where("site_id", "=", site)
    .where("lines", "like", `%${label}%`)
    .execute();
  return rows.flatMap((r) =>
    (JSON.parse(r.lines) as StateReceiptLine[])
      .filter((l) => l.label === label)
      .map((l, i): TimelineEntry => ({
        id: `receipt:${r.state_id}:${i}`,
        at: toInstant(r.sales_date_time, timeZone) ?? r.sales_date_time,
        kind: "sale-state",
        source: "state-system",
        what: `state-system receipt ${r.state_id}${r.external_number ? ` (${r.external_number})` : ""}: ${qty(l.quantity, l.unit)} for ${money(l.totalAmount)}${Number(r.voided) ? ", voided" : ""}`,
        who: null,
        stationId: null,
        ref: r.external_number ?? r.state_id,
        doorSession: null,
      })),
  );
}

async function stateRequests(db: Db, site: string, label: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("ss_request_log_labels as l")
    .innerJoin("ss_request_log as r", "r.id", "l.request_id")
    .select(["r.id", "r.at", "r.system", "r.method", "r.path", "r.status", "r.error", "r.submission_id"])
    .where("l.label", "=", label)
    .where("r.site_id", "=", site)
    .execute();
  // A sync's list pages name every package they carry: only the writes and the reads of this package are its story.
  const own = rows.filter((r) => r.method !== "GET" || r.path.includes(label));
  return own.map((r) => ({
    id: `request:${r.id}`,
    at: r.at,
    kind: "state-request",
    source: "state-system",
    what: `${r.system} ${r.method} ${r.path} → ${r.status ?? r.error ?? "no answer"}${r.submission_id ? " (queued write)" : ""}`,
    who: null,
    stationId: null,
    ref: r.id,
    doorSession: null,
  }));
}

async function stateReceiving(db: Db, site: string, label: string, timeZone: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.state_id", "=", "p.delivery_id").onRef("d.site_id", "=", "p.site_id"),
    )
    .innerJoin("ss_transfers as t", (j) =>
      j.onRef("t.state_id", "=", "d.transfer_id").onRef("t.site_id", "=", "d.site_id"),
    )
    .select([
      "t.manifest_number",
      "t.shipper_name",
      "t.received_at",
      "t.estimated_arrival",
      "d.received_at as delivered_at",
      "p.shipped_quantity",
      "p.shipped_unit",
      "p.received_quantity",
      "p.received_unit",
      "p.state",
    ])
    .where("p.site_id", "=", site)
    .where("p.label", "=", label)
    .execute();
  return rows.flatMap((r): TimelineEntry[] => {
    const when = toInstant(r.delivered_at ?? r.received_at ?? r.estimated_arrival, timeZone);
    if (!when) return [];
    const received =
      r.received_quantity === null ? "" : `, received ${qty(r.received_quantity, r.received_unit ?? "")}`;
    return [
      {
        id: `transfer:${r.manifest_number}`,
        at: when,
        kind: "receiving",
        source: "state-system",
        what: `state-system manifest ${r.manifest_number} from ${r.shipper_name}: shipped ${qty(r.shipped_quantity, r.shipped_unit)}${received}, ${r.state}`,
        who: null,
        stationId: null,
        ref: r.manifest_number,
        doorSession: null,
      },
    ];
  });
}

async function investigations(db: Db, site: string, label: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("inv_cases")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .execute();
  return rows.flatMap((c): TimelineEntry[] => {
    const base = {
      kind: "investigation",
      source: "investigations",
      stationId: null,
      ref: c.id,
      doorSession: null,
    } as const;
    const opened = {
      ...base,
      id: `case:${c.id}:open`,
      at: c.opened_at,
      who: c.opened_by,
      what: `investigation opened: ${c.class} (${c.business_day})`,
    };
    if (!c.closed_at) return [opened];
    const closed = {
      ...base,
      id: `case:${c.id}:close`,
      at: c.closed_at,
      who: c.closed_by,
      what: `investigation closed: root cause ${c.root_cause ?? "—"}`,
    };
    return [opened, closed];
  });
}

/** Door events of `stations` from 12 h before `from` to 12 h after `to`, paired into sessions. */
async function doorSessionsAround(
  db: Db,
  stations: readonly string[],
  from: string,
  to: string,
): Promise<DoorSession[]> {
  if (stations.length === 0) return [];
  const pad = 12 * 3_600_000;
  const rows = await db
    .selectFrom("events")
    .select(["station_id", "at", "payload"])
    .where("type", "=", "door")
    .where("station_id", "in", [...stations])
    .where("at", ">=", new Date(Date.parse(from) - pad).toISOString())
    .where("at", "<=", new Date(Date.parse(to) + pad).toISOString())
    .execute();
  return doorSessions(
    rows.map((r): DoorEventRow => ({
      stationId: r.station_id,
      at: r.at,
      payload: JSON.parse(r.payload) as DoorEventRow["payload"],
    })),
  );
}

/** A package's whole timeline at `site`, oldest first. */
export async function packageTimeline(
  db: Db,
  sites: SiteDirectory,
  site: string,
  label: string,
): Promise<TimelineEntry[]> {
  const timeZone = sites.get(site)?.timeZone ?? sites.default.timeZone;
  const history = await fullPackageHistory(db, site, label, { envelopeSite: sites.envelopeFilter(site) });
  const stations = [...new Set(history.flatMap((h) => (h.stationId ? [h.stationId] : [])))];
  const sessions =
    history.length > 0 ? await doorSessionsAround(db, stations, history[0]!.at, history[history.length - 1]!.at) : [];
  const parts = await Promise.all([
    posSales(db, site, label),
    stateReceipts(db, site, label, timeZone),
    stateRequests(db, site, label),
    stateReceiving(db, site, label, timeZone),
    investigations(db, site, label),
  ]);
  return assembleTimeline([historyEntries(history, sessions), ...parts]);
}
