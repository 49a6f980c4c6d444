import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import type { Clock } from "#station/clock.js";
import { reasonOf } from "#station/errors.js";
import { StatusCell } from "../status.js";
import type { DoorRead } from "../types.js";
import type { GpioLine, Level } from "./port.js";

/** The vault door contact in domain terms. */
export interface Door {
  readonly id: string;
  readonly events: EventEmitter<{ door: [DoorRead]; status: [DeviceStatus] }>;
  /** Reads the initial state (emitted with `initial: true`) and starts watching. */
  start(): Promise<void>;
  status(): DeviceStatus;
  /** Last debounced state; undefined until read. */
  isOpen(): boolean | undefined;
  /** How long the door may stay open before the held-open alarm, ms (for DoorSessions). */
  readonly heldOpenAlarmMs: number;
  close(): Promise<void>;
}

export interface DoorConfig {
  id: string;
  name: string;
  /** Input level while the door is open: 1 for a normally-closed reed to ground with a pull-up. */
  openLevel: Level;
  /** A level must hold this long before it counts, ms. */
  debounceMs: number;
  /** Wait before trying the line again after a failure, ms. */
  retryMs: number;
  /** Held-open alarm limit, ms; the door only carries it for the session logic. */
  heldOpenAlarmMs: number;
}

/**
 * Reed-switch door.
 *
 * ```
 *  line edge ─▶ (re)start debounce timer ─▶ read level after debounceMs ─▶ changed? ─▶ 'door'
 *  start(): line() ─▶ read() ─▶ initial 'door' ─▶ watch      line() fails ─▶ 'error', retry
 * ```
 * Debounce is done here as well as by onoff, so simulated and recorded edges behave alike.
 */
export class VaultDoor implements Door {
  readonly events = new EventEmitter<{ door: [DoorRead]; status: [DeviceStatus] }>();
  readonly #cell: StatusCell;
  #line: GpioLine | undefined;
  #open: boolean | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly deps: { line: () => Promise<GpioLine>; config: DoorConfig; log: Logger; clock: Clock }) {
    this.#cell = new StatusCell({ id: deps.config.id, kind: "door", name: deps.config.name, clock: deps.clock });
    this.#cell.events.on("status", (s) => this.events.emit("status", s));
  }

  get id(): string {
    return this.deps.config.id;
  }

  status(): DeviceStatus {
    return this.#cell.current;
  }

  isOpen(): boolean | undefined {
    return this.#open;
  }

  get heldOpenAlarmMs(): number {
    return this.deps.config.heldOpenAlarmMs;
  }

  async start(): Promise<void> {
    try {
      const line = await this.deps.line();
      if (this.#closed) return void (await line.close());
      const level = await line.read();
      this.#line = line;
      this.#cell.set("connected");
      this.#apply(level, true);
      line.watch(() => this.#edge());
    } catch (e) {
      this.#fail(e);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.deps.clock.clearTimeout(this.#debounce);
    this.deps.clock.clearTimeout(this.#retry);
    await this.#line?.close().catch(() => undefined);
    this.#line = undefined;
  }

  #edge(): void {
    this.deps.clock.clearTimeout(this.#debounce);
    if (this.deps.config.debounceMs <= 0) return void this.#settle();
    this.#debounce = this.deps.clock.setTimeout(() => void this.#settle(), this.deps.config.debounceMs);
  }

  async #settle(): Promise<void> {
    const line = this.#line;
    if (!line) return;
    try {
      this.#apply(await line.read(), false);
    } catch (e) {
      await line.close().catch(() => undefined);
      this.#line = undefined;
      this.#fail(e);
    }
  }

  #apply(level: Level, initial: boolean): void {
    const open = level === this.deps.config.openLevel;
    if (!initial && open === this.#open) return;
    this.#open = open;
    this.#cell.reading(open ? "open" : "closed");
    const read: DoorRead = { doorId: this.id, open, at: new Date(this.deps.clock.now()) };
    if (initial) read.initial = true;
    this.events.emit("door", read);
  }

  #fail(e: unknown): void {
    this.deps.log.error({ door: this.id, err: reasonOf(e) }, "door sensor failed");
    this.#cell.set("error", `door sensor: ${reasonOf(e)}`);
    if (this.#closed) return;
    this.#retry = this.deps.clock.setTimeout(() => void this.start(), this.deps.config.retryMs);
  }
}
