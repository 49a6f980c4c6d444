/**
 * Door sessions: from the vault door opening to its closing, with who was signed in and a
 * held-open alarm. Pure state machine — the caller feeds door changes, sign-ins and clock ticks
 * (at `nextDeadline()`), and publishes what comes out; no timers or I/O here.
 */

/** Something that happened to a door session, ready to publish as a door event. */
export type DoorSessionEvent =
  | { type: "opened"; doorId: string; doorSessionId: string; at: number; employeeId: string | null }
  | {
      type: "held-open";
      doorId: string;
      doorSessionId: string;
      at: number;
      openForMs: number;
      employeeId: string | null;
    }
  | {
      type: "closed";
      doorId: string;
      doorSessionId: string;
      at: number;
      openForMs: number;
      /** Everyone signed in at the station while the door was open, in order. */
      employeeIds: string[];
      heldOpenAlarm: boolean;
    };

/** An open session. */
export interface OpenDoorSession {
  doorSessionId: string;
  openedAt: number;
  employeeIds: string[];
  alarmed: boolean;
}

export interface DoorSessionsDeps {
  doorId: string;
  /** The door open longer than this raises the alarm, ms. */
  heldOpenLimitMs: number;
  /** Sortable unique ids (the station's event id generator). */
  newId: () => string;
}

export class DoorSessions {
  #open: OpenDoorSession | undefined;
  #signedIn: string | null = null;

  constructor(private readonly deps: DoorSessionsDeps) {}

  /** The open session, if the door is open. */
  current(): OpenDoorSession | undefined {
    return this.#open;
  }

  /**
   * A debounced door state at time `at` (ms). Repeats of the current state change nothing, so
   * the state read at start-up can be fed the same way: a door found open starts a session.
   */
  door(open: boolean, at: number): DoorSessionEvent[] {
    const s = this.#open;
    if (open && !s) {
      const employeeIds = this.#signedIn ? [this.#signedIn] : [];
      this.#open = { doorSessionId: this.deps.newId(), openedAt: at, employeeIds, alarmed: false };
      return [
        {
          type: "opened",
          doorId: this.deps.doorId,
          doorSessionId: this.#open.doorSessionId,
          at,
          employeeId: this.#signedIn,
        },
      ];
    }
    if (!open && s) {
      this.#open = undefined;
      return [
        {
          type: "closed",
          doorId: this.deps.doorId,
          doorSessionId: s.doorSessionId,
          at,
          openForMs: at - s.openedAt,
          employeeIds: s.employeeIds,
          heldOpenAlarm: s.alarmed,
        },
      ];
    }
    return [];
  }

  /** Who is signed in at the station now (null when nobody); joins an open session. */
  signedIn(employeeId: string | null): void {
    this.#signedIn = employeeId;
    const s = this.#open;
    if (s && employeeId && !s.employeeIds.includes(employeeId)) s.employeeIds.push(employeeId);
  }

  /** The time (ms) at which `tick` may raise the alarm, or undefined when nothing is due. */
  nextDeadline(): number | undefined {
    const s = this.#open;
    return s && !s.alarmed ? s.openedAt + this.deps.heldOpenLimitMs : undefined;
  }

  /** Raises the held-open alarm once the limit has passed; once per session. */
  tick(now: number): DoorSessionEvent[] {
    const s = this.#open;
    if (!s || s.alarmed || now - s.openedAt < this.deps.heldOpenLimitMs) return [];
    s.alarmed = true;
    return [
      {
        type: "held-open",
        doorId: this.deps.doorId,
        doorSessionId: s.doorSessionId,
        at: now,
        openForMs: now - s.openedAt,
        employeeId: this.#signedIn,
      },
    ];
  }
}

/** The contract DoorPayload for a session event (contract/messages.ts). */
export function doorPayload(e: DoorSessionEvent): {
  doorId: string;
  open: boolean;
  doorSessionId: string;
  heldOpenAlarm?: boolean;
} {
  if (e.type === "opened") return { doorId: e.doorId, open: true, doorSessionId: e.doorSessionId };
  if (e.type === "held-open")
    return { doorId: e.doorId, open: true, doorSessionId: e.doorSessionId, heldOpenAlarm: true };
  return e.heldOpenAlarm
    ? { doorId: e.doorId, open: false, doorSessionId: e.doorSessionId, heldOpenAlarm: true }
    : { doorId: e.doorId, open: false, doorSessionId: e.doorSessionId };
}
