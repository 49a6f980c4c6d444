import { EventEmitter } from "node:events";
import type { BarcodeClass } from "#contract/barcode.js";
import type { PackageView } from "#station/store/replica.js";

/** One row of the kiosk's live scan feed. */
export interface ScanRow {
  id: string;
  /** ISO time of the scan. */
  at: string;
  code: string;
  scannerId: string;
  classification: BarcodeClass;
  employeeId?: string | undefined;
  /** Item and location, when the replica knows the label (looked up again whenever the catalog changes). */
  pkg?: PackageView | undefined;
  /** The workflow the scan was tied to (`receive` while a manifest's screen was open…), `idle` when none. */
  workflow?: string | undefined;
  /** Fsynced in the outbox: survives a crash and reaches the hub. */
  recorded: boolean;
}

/** A banner message; `sound` plays the error tone on the kiosk. */
export interface Banner {
  level: "info" | "error";
  text: string;
  sound: boolean;
}

/**
 * What a banner is about: "scan" (a bad read…) is taken down by the next readable scan; "door"
 * (the vault door opened with nobody signed in) by someone signing in.
 */
export type BannerAbout = "scan" | "door";

/** What the live feed announces; the SSE stream renders one part per event. */
export interface LiveFeedEvents {
  scan: [ScanRow];
  /** The catalog changed: the rows' items and locations may read differently now. */
  rows: [];
  banner: [Banner | null];
  /** Hub link, outbox depth or the signed-in person changed. */
  header: [];
  devices: [];
  signIn: [];
}

/** How long a banner stays up, ms: long enough to read with a package in the other hand. */
export const BANNER_MS = 8000;

/** Newest scans kept for the kiosk. */
export const FEED_LENGTH = 20;

/**
 * The kiosk's live state, fed by the domain and read by the SSE stream. Holds the last scans
 * (newest first) so a page load shows the same feed the stream keeps updating.
 */
export class LiveFeed {
  readonly events = new EventEmitter<LiveFeedEvents>();
  private rows: ScanRow[] = [];
  private lastBanner: Banner | null = null;
  private bannerAbout: BannerAbout | undefined;
  private bannerTimer: NodeJS.Timeout | null = null;

  /** `lookup` finds a label in the replica now: a package received since its scan is named by it. */
  constructor(private readonly lookup?: (label: string) => PackageView | undefined) {
    // Every open kiosk tab holds one listener per event; a wall of tabs must not warn.
    this.events.setMaxListeners(100);
  }

  /** The newest scans, newest first, each with its package as the replica knows it now. */
  scans(): readonly ScanRow[] {
    const lookup = this.lookup;
    if (!lookup) return this.rows;
    return this.rows.map((r) => {
      const pkg = r.classification.kind === "metrc-tag" ? (lookup(r.classification.tag) ?? r.pkg) : r.pkg;
      return pkg === r.pkg ? r : { ...r, pkg };
    });
  }

  /** The replica's catalog changed: the feed is drawn again with the packages as now known. */
  catalogChanged(): void {
    if (this.rows.length > 0) this.events.emit("rows");
  }

  banner(): Banner | null {
    return this.lastBanner;
  }

  pushScan(row: ScanRow): void {
    this.rows = [row, ...this.rows].slice(0, FEED_LENGTH);
    this.events.emit("scan", row);
  }

  /** Shows a banner; it clears itself after `ttlMs` unless a newer one replaced it. */
  showBanner(b: Banner, ttlMs = BANNER_MS, about?: BannerAbout): void {
    this.lastBanner = b;
    this.bannerAbout = about;
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    this.bannerTimer = setTimeout(() => this.clearBanner(), ttlMs);
    this.bannerTimer.unref();
    this.events.emit("banner", b);
  }

  /** Takes the banner down; with `about`, only a banner about that ("scan": a bad read). */
  clearBanner(about?: BannerAbout): void {
    if (about && this.bannerAbout !== about) return;
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    this.bannerTimer = null;
    if (!this.lastBanner) return;
    this.lastBanner = null;
    this.events.emit("banner", null);
  }

  headerChanged(): void {
    this.events.emit("header");
  }

  devicesChanged(): void {
    this.events.emit("devices");
  }

  signInChanged(): void {
    this.events.emit("signIn");
  }
}
