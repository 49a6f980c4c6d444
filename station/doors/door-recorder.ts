import type { Logger } from "pino";
import { newId } from "#contract/ids.js";
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { Clock } from "#station/clock.js";
import type { DoorRead } from "#station/devices/index.js";
import type { LiveFeed } from "#station/scans/live-feed.js";
import { DoorSessions, doorPayload, type DoorSessionEvent } from "#station/doors/door-session.js";

/** The unattended-door alert stays up this long unless someone signs in first, ms. */
export const UNATTENDED_BANNER_MS = 5 * 60_000;

/** A door event as it sits in the outbox and goes to the hub. */
export type DoorEnvelope = StationEvent<"door">;

/** What the door recorder needs: ids, clock, the doors, the outbox and who is signed in. */
export interface DoorRecorderDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  /** Each vault door with its held-open limit, ms. */
  doors: ReadonlyArray<{ id: string; heldOpenAlarmMs: number; isOpen(): boolean | undefined }>;
  outbox: { append(env: DoorEnvelope): Promise<void> };
  employeeId(): string | undefined;
  /** Name of who is signed in, for the held-open alarm (it says who had the vault open). */
  employeeName?(): string | undefined;
  feed: LiveFeed;
  log: Logger;
}

/**
 * Door sessions as physical facts: opening, closing and the held-open alarm each become a door
 * event in the outbox, and scans made while a door is open carry its session id. The session
 * logic is the pure state machine in door-session.ts; this feeds it and records what
 * comes out.
 */
export class DoorRecorder {
  private readonly sessions = new Map<string, DoorSessions>();

  constructor(private readonly deps: DoorRecorderDeps) {
    for (const d of deps.doors) {
      this.sessions.set(d.id, new DoorSessions({ doorId: d.id, heldOpenLimitMs: d.heldOpenAlarmMs, newId }));
    }
  }

  /** Feeds the state each door was found in at start-up (a door found open starts a session). */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    for (const d of this.deps.doors) {
      const open = d.isOpen();
      if (open !== undefined) await this.onDoor({ doorId: d.id, open, at: new Date(now), initial: true });
    }
  }

  /** A debounced door change from the devices. */
  async onDoor(read: DoorRead): Promise<void> {
    const sessions = this.sessions.get(read.doorId);
    if (!sessions) {
      this.deps.log.warn({ doorId: read.doorId }, "door change from a door not in the device list ignored");
      return;
    }
    sessions.signedIn(this.deps.employeeId() ?? null);
    await this.recordAll(sessions.door(read.open, read.at.getTime()));
  }

  /** Who is signed in changed: joins the open sessions. */
  signedIn(employeeId: string | null): void {
    for (const s of this.sessions.values()) s.signedIn(employeeId);
  }

  /** Raises due held-open alarms; call it from a timer. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (const s of this.sessions.values()) await this.recordAll(s.tick(now));
  }

  /** The open door session a scan belongs to, when a door is open. */
  openSessionId(): string | undefined {
    for (const s of this.sessions.values()) {
      const open = s.current();
      if (open) return open.doorSessionId;
    }
    return undefined;
  }

  private async recordAll(events: DoorSessionEvent[]): Promise<void> {
    for (const e of events) {
      try {
        await this.record(e);
      } catch (err) {
        this.deps.log.error(
          { err, doorId: e.doorId, type: e.type, code: "STORE_WRITE_FAILED" },
          "door event not recorded",
        );
        this.deps.feed.showBanner({
          level: "error",
          text: `Door event NOT recorded: ${(err as Error).message}`,
          sound: true,
        });
      }
    }
  }

  private async record(e: DoorSessionEvent): Promise<void> {
    const employeeId = e.type === "closed" ? this.deps.employeeId() : (e.employeeId ?? undefined);
    const env = eventSchemas.door.parse({
      id: newId(),
      type: "door",
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: new Date(e.at).toISOString(),
      ...(employeeId ? { employeeId } : {}),
      payload: doorPayload(e),
    });
    await this.deps.outbox.append(env);
    if (e.type === "opened" && !employeeId) {
      // Who opened the vault must be on record: with nobody signed in, the door event has no one.
      this.deps.feed.showBanner(
        { level: "error", text: "Vault door opened with nobody signed in: sign in with your badge now", sound: true },
        UNATTENDED_BANNER_MS,
        "door",
      );
    }
    if (e.type === "held-open") {
      const minutes = Math.round(e.openForMs / 60_000);
      const long = minutes >= 1 ? `${minutes} min` : `${Math.round(e.openForMs / 1000)} s`;
      const who = this.deps.employeeName?.();
      this.deps.feed.showBanner(
        {
          level: "error",
          text: `Vault door open for ${long}: close it (${who ? `${who} signed in` : "nobody signed in"})`,
          sound: true,
        },
        60_000,
      );
    }
  }
}
