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
    this.recentDoors.unshift(...doors);
    this.recentDoors.length = Math.min(this.recentDoors.length, KEEP_DOORS);
    this.events.emit("doors", doors);
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
