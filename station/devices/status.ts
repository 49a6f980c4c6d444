import { EventEmitter } from "node:events";
import type { DeviceStatus } from "#contract/domain.js";
import type { Clock } from "#station/clock.js";

type Kind = DeviceStatus["kind"];
type State = DeviceStatus["state"];

/**
 * Holds one device's status as the kiosk and the station status message show it, and emits on
 * every change. Drivers call `set`; the factory forwards the events.
 */
export class StatusCell {
  readonly events = new EventEmitter<{ status: [DeviceStatus] }>();
  #status: DeviceStatus;

  constructor(private readonly deps: { id: string; kind: Kind; name: string; clock: Clock }) {
    this.#status = { id: deps.id, kind: deps.kind, name: deps.name, state: "unknown" };
  }

  get current(): DeviceStatus {
    return this.#status;
  }

  /** Sets the state; a `reason` is kept only for error and disconnected states. */
  set(state: State, reason?: string): void {
    const next: DeviceStatus = { ...this.#status, state, at: this.#iso() };
    if (reason && (state === "error" || state === "disconnected")) next.reason = reason;
    else delete next.reason;
    if (this.#status.state === state && this.#status.reason === next.reason) return;
    this.#status = next;
    this.events.emit("status", next);
  }

  /** Records the last reading in words ("12.34 g stable", "door open"). */
  reading(lastReading: string): void {
    this.#status = { ...this.#status, lastReading, at: this.#iso() };
    this.events.emit("status", this.#status);
  }

  #iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
