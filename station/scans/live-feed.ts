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
  /** Item and location, when the replica knows the label. */
  pkg?: PackageView | undefined;
  /** Fsynced in the outbox: survives a crash and reaches the hub. */
  recorded: boolean;
}

/** A banner message; `sound` plays the error tone on the kiosk. */
export interface Banner {
  level: "info" | "error";
  text: string;
  sound: boolean;
}

/** What the live feed announces; the SSE stream renders one part per event. */
export interface LiveFeedEvents {
  scan: [ScanRow];
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
  private bannerTimer: NodeJS.Timeout | null = null;

  constructor() {
    // Every open kiosk tab holds one listener per event; a wall of tabs must not warn.
    this.events.setMaxListeners(100);
  }

  scans(): readonly ScanRow[] {
    return this.rows;
  }

  banner(): Banner | null {
    return this.lastBanner;
  }

  pushScan(row: ScanRow): void {
    this.rows = [row, ...this.rows].slice(0, FEED_LENGTH);
    this.events.emit("scan", row);
  }

  /** Shows a banner; it clears itself after `ttlMs` unless a newer one replaced it. */
  showBanner(b: Banner, ttlMs = BANNER_MS): void {
    this.lastBanner = b;
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    this.bannerTimer = setTimeout(() => this.clearBanner(), ttlMs);
    this.bannerTimer.unref();
    this.events.emit("banner", b);
  }

  clearBanner(): void {
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
