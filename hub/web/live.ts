import { EventEmitter } from "node:events";
import type { Kysely } from "kysely";
import type { BarcodeClass } from "#contract/barcode.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Log } from "../log.js";
import { itemNamesByLabel } from "../ledger/catalog.js";
import type { SiteDirectory } from "../sites/directory.js";
import type { Database } from "../store/database.js";

/** One line of the dashboard's live scan feed. */
export interface FeedEntry {
  id: string;
  stationId: string;
  /** The served site the scan belongs to (the dashboard's site filter). */
  site: string;
  /** When the station saw the scan (ISO-8601). */
  at: string;
  code: string;
  classification: BarcodeClass;
  workflow: string;
  /** Item name when the scanned tag is a package the catalog knows. */
  itemName?: string;
}

/** A vault door event, for the dashboard's door panel. */
export interface DoorEntry {
  id: string;
  stationId: string;
  /** The served site the door belongs to (the dashboard's site filter). */
  site: string;
  /** When the station saw it (ISO-8601). */
  at: string;
  doorId: string;
  open: boolean;
  heldOpenAlarm: boolean;
  /** Who was signed in at the station; null when nobody was (an opening then is an alert). */
  employeeId: string | null;
  /** Their name, when the ledger knows the employee. */
  employeeName?: string | undefined;
}

/** Door events kept for a page opened later. */
const KEEP_DOORS = 20;

/** Most scans shown per stored batch: at thousands per second a person reads only the latest. */
const PER_BATCH = 20;
/** Scans kept for a page opened later. */
const KEEP = 50;

/**
 * In-process fan-out from the ingest to the dashboard's SSE streams: the latest scans (with item
 * names looked up off the ingest's path) and "stations changed" notices.
 */
export class LiveFeed {
  readonly events = new EventEmitter<{ scans: [FeedEntry[]]; stations: []; doors: [DoorEntry[]] }>();
  private readonly recentScans: FeedEntry[] = [];
  private readonly recentDoors: DoorEntry[] = [];
  private lookups: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { db: Kysely<Database>; log: Log; sites: Pick<SiteDirectory, "siteOf"> }) {
    this.events.setMaxListeners(200);
  }

  /** The newest scans, newest first. */
  recent(): readonly FeedEntry[] {
    return this.recentScans;
  }

  /** The newest vault door events since the hub started, newest first. */
  doors(): readonly DoorEntry[] {
    return this.recentDoors;
  }

  /**
   * Loads the newest door events from the ledger, so the panel shows the doors as they were
   * before the hub (re)started; call once at start, before events arrive.
   */
  async restoreDoors(): Promise<void> {
    const rows = await this.deps.db
      .selectFrom("events")
      .selectAll()
      .where("type", "=", "door")
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(KEEP_DOORS)
      .execute();
    const doors: DoorEntry[] = [];
    for (const r of rows) {
      const site = this.deps.sites.siteOf(r.site_id);
      const p = JSON.parse(r.payload) as { doorId?: string; open?: boolean; heldOpenAlarm?: boolean };
      if (!site || typeof p.doorId !== "string") continue;
      doors.push({
        id: r.id,
        stationId: r.station_id,
        site: site.id,
        at: r.at,
        doorId: p.doorId,
        open: p.open === true,
        heldOpenAlarm: p.heldOpenAlarm === true,
        employeeId: r.employee_id,
      });
    }
    this.recentDoors.splice(0, this.recentDoors.length, ...(await this.withEmployeeNames(doors)));
  }

  /** Called by the ingest with newly stored events. */
  stored(events: readonly AnyStationEvent[]): void {
    this.storedDoors(events);
    const scans: FeedEntry[] = [];
    for (let i = events.length - 1; i >= 0 && scans.length < PER_BATCH; i--) {
      const e = events[i];
      if (e?.type !== "scan") continue;
      const site = this.deps.sites.siteOf(e.siteId);
      if (!site) continue;
      scans.push({
        id: e.id,
        stationId: e.stationId,
        site: site.id,
        at: e.at,
        code: e.payload.code,
        classification: e.payload.classification,
        workflow: e.payload.workflow,
      });
    }
    if (scans.length === 0) return;
    this.lookups = this.lookups.then(() => this.withItemNames(scans)).then((named) => this.publish(named));
  }

  /** Resolves when every batch handed in so far has been published. */
  settled(): Promise<void> {
    return this.lookups;
  }

  stationsChanged(): void {
    this.events.emit("stations");
  }

  private storedDoors(events: readonly AnyStationEvent[]): void {
    const doors: DoorEntry[] = [];
    for (let i = events.length - 1; i >= 0 && doors.length < KEEP_DOORS; i--) {
      const e = events[i];
      if (e?.type !== "door") continue;
      const site = this.deps.sites.siteOf(e.siteId);
      if (!site) continue;
      doors.push({
        id: e.id,
        stationId: e.stationId,
        site: site.id,
        at: e.at,
        doorId: e.payload.doorId,
        open: e.payload.open,
        heldOpenAlarm: e.payload.heldOpenAlarm === true,
        employeeId: e.employeeId ?? null,
      });
    }
    if (doors.length === 0) return;
    this.lookups = this.lookups
      .then(() => this.withEmployeeNames(doors))
      .then((named) => {
        this.recentDoors.unshift(...named);
        this.recentDoors.length = Math.min(this.recentDoors.length, KEEP_DOORS);
        this.events.emit("doors", named);
      });
  }

  /** Who was signed in, by name (the held-open alarm says who had the vault open). */
  private async withEmployeeNames(doors: DoorEntry[]): Promise<DoorEntry[]> {
    const ids = [...new Set(doors.flatMap((d) => (d.employeeId ? [d.employeeId] : [])))];
    if (ids.length === 0) return doors;
    try {
      const rows = await this.deps.db.selectFrom("employees").select(["id", "name"]).where("id", "in", ids).execute();
      const names = new Map(rows.map((r) => [r.id, r.name]));
      return doors.map((d) =>
        d.employeeId && names.has(d.employeeId) ? { ...d, employeeName: names.get(d.employeeId) } : d,
      );
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, "employee names for the door panel not found");
      return doors;
    }
  }

  private async withItemNames(scans: FeedEntry[]): Promise<FeedEntry[]> {
    try {
      const names = new Map<string, Map<string, string>>();
      for (const site of new Set(scans.map((s) => s.site))) {
        const labels = scans.flatMap((s) =>
          s.site === site && s.classification.kind === "metrc-tag" ? [s.classification.tag] : [],
        );
        names.set(site, await itemNamesByLabel(this.deps.db, site, labels));
      }
      return scans.map((s) => {
        const name = s.classification.kind === "metrc-tag" ? names.get(s.site)?.get(s.classification.tag) : undefined;
        return name ? { ...s, itemName: name } : s;
      });
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, "item names for the scan feed not found");
      return scans;
    }
  }

  private publish(scans: FeedEntry[]): void {
    this.recentScans.unshift(...scans);
    this.recentScans.length = Math.min(this.recentScans.length, KEEP);
    this.events.emit("scans", scans);
  }
}
