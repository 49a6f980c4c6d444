import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import type { Clock } from "#station/clock.js";
import { StationError, reasonOf } from "#station/errors.js";
import { frameLog } from "../frame-log.js";
import type { ByteTransport, OpenTransport } from "../serial/byte-transport.js";
import { StatusCell } from "../status.js";
import type { DeviceDiscard, WeightRead } from "../types.js";
import { concat, type ScaleCodec, type ScaleCommand, type ScaleFrame, type WeightFrame } from "./codec.js";
import type { Scale, ScaleConfig } from "./port.js";
import { StabilityWindow } from "./stability.js";
import { formatGrams } from "./units.js";

/**
 * The real serial scale driver.
 *
 * ```
 *  open() ─▶ transport ─bytes─▶ codec.decode ─▶ weight ─▶ StabilityWindow ─▶ 'weight' (on change)
 *     ▲          │                            ├▶ ack/error ─▶ pending tare/zero
 *     │          └─ onClose ─▶ 'disconnected' └▶ discarded ─▶ log + 'discarded'
 *     │                 │  (old transport closed)
 *     └── reconnectMs ◀─┴── tick (pollMs): poll command, "no answer" watchdog;
 *                           in stream mode a silence past timeoutMs also reopens the port
 * ```
 */
export interface SerialScaleDeps {
  open: OpenTransport;
  codec: ScaleCodec;
  config: ScaleConfig;
  log: Logger;
  clock: Clock;
}

interface Pending {
  resolve(): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export class SerialScale implements Scale {
  readonly events = new EventEmitter<{
    weight: [WeightRead];
    status: [DeviceStatus];
    discarded: [DeviceDiscard];
    frame: [ScaleFrame];
  }>();
  readonly #cell: StatusCell;
  readonly #window: StabilityWindow;
  readonly #frames: ReturnType<typeof frameLog>;
  #transport: ByteTransport | undefined;
  #rest: Uint8Array = new Uint8Array(0);
  #tick: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #recheck: NodeJS.Timeout | undefined;
  #lastFrameAt = 0;
  #lastDiscard: string | undefined;
  #last: WeightRead | undefined;
  #pending: Pending | undefined;
  #closed = false;

  constructor(private readonly deps: SerialScaleDeps) {
    const { id, name } = deps.config;
    this.#cell = new StatusCell({ id, kind: "scale", name, clock: deps.clock });
    this.#cell.events.on("status", (s) => this.events.emit("status", s));
    this.#window = new StabilityWindow(deps.config.stableWindowMs);
    this.#frames = frameLog(deps.log);
  }

  get id(): string {
    return this.deps.config.id;
  }

  status(): DeviceStatus {
    return this.#cell.current;
  }

  last(): WeightRead | undefined {
    return this.#last;
  }

  async start(): Promise<void> {
    await this.#connect();
  }

  tare(): Promise<void> {
    return this.#control("tare");
  }

  zero(): Promise<void> {
    return this.#control("zero");
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopTimers();
    this.deps.clock.clearTimeout(this.#retry);
    this.#failPending(new StationError("scale closed", "DEVICE_DISCONNECTED"));
    const t = this.#transport;
    this.#transport = undefined;
    if (t && this.deps.config.mode === "stream") await this.#send(t, "stream-off").catch(() => undefined);
    await t?.close().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    try {
      const t = await this.deps.open();
      if (this.#closed) return void (await t.close());
      this.#transport = t;
      this.#rest = new Uint8Array(0);
      this.#lastFrameAt = this.deps.clock.monotonic();
      t.onData((b) => this.#onBytes(b));
      t.onClose((err) => {
        if (this.#transport === t) this.#lost(err?.message ?? "port closed");
      });
      if (this.deps.config.mode === "stream") await this.#send(t, "stream-on");
      this.#tick = this.deps.clock.setInterval(() => void this.#onTick(), this.deps.config.pollMs);
      this.deps.log.info({ scale: this.id }, "scale port open");
      if (this.deps.config.mode === "poll") await this.#onTick();
    } catch (e) {
      this.#cell.set("disconnected", reasonOf(e));
      this.#scheduleReconnect();
    }
  }

  #lost(reason: string): void {
    if (this.#closed) return;
    this.#detach(new StationError(`scale disconnected: ${reason}`, "DEVICE_DISCONNECTED"));
    this.deps.log.warn({ scale: this.id, reason }, "scale disconnected");
    this.#cell.set("disconnected", reason);
    this.#scheduleReconnect();
  }

  /**
   * A streaming scale sends frames continuously (MT-SICS and A&D `SIR`, Ohaus `CP`), so silence
   * means the link is stuck (a hang-up the tty never reported) or the scale was power-cycled and
   * forgot the stream command. Reopening the port covers both: it re-sends the command on open.
   * The status stays "error" with the reason until a frame arrives.
   */
  #reopen(reason: string): void {
    this.#detach(new StationError(`scale stopped streaming: ${reason}`, "DEVICE_TIMEOUT"));
    this.deps.log.warn({ scale: this.id, reason }, "scale silent in stream mode, reopening its port");
    this.#scheduleReconnect();
  }

  /** Lets go of the current transport and closes it, so its port and read loop do not linger. */
  #detach(why: Error): void {
    const t = this.#transport;
    this.#transport = undefined;
    this.#stopTimers();
    this.#window.reset();
    this.#failPending(why);
    void t?.close().catch(() => undefined);
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    this.deps.clock.clearTimeout(this.#retry);
    this.#retry = this.deps.clock.setTimeout(() => void this.#connect(), this.deps.config.reconnectMs);
  }

  #stopTimers(): void {
    this.deps.clock.clearInterval(this.#tick);
    this.deps.clock.clearTimeout(this.#recheck);
    this.#tick = undefined;
  }

  async #onTick(): Promise<void> {
    const t = this.#transport;
    if (!t) return;
    const silentMs = this.deps.clock.monotonic() - this.#lastFrameAt;
    if (silentMs > this.deps.config.timeoutMs) {
      const why = this.#lastDiscard
        ? `only unreadable data from the scale (${this.#lastDiscard})`
        : `no answer from the scale for ${Math.round(silentMs)} ms`;
      this.#cell.set("error", why);
      if (this.deps.config.mode === "stream") return this.#reopen(why);
    }
    if (this.deps.config.mode === "poll" && !this.#pending)
      await this.#send(t, "weigh-now").catch((e: unknown) => this.#lost(reasonOf(e)));
  }

  async #send(t: ByteTransport, cmd: ScaleCommand): Promise<void> {
    const bytes = this.deps.codec.encode(cmd);
    if (!bytes) return;
    this.#frames.tx(bytes);
    await t.write(bytes);
  }

  #onBytes(bytes: Uint8Array): void {
    this.#frames.rx(bytes);
    const d = this.deps.codec.decode(concat(this.#rest, bytes));
    this.#rest = d.rest;
    for (const x of d.discarded) this.#discard(x.reason, x.raw);
    for (const f of d.frames) this.#onFrame(f);
  }

  #discard(reason: string, raw: string): void {
    this.#lastDiscard = reason;
    this.deps.log.warn({ scale: this.id, reason, raw }, "scale data dropped");
    this.events.emit("discarded", { deviceId: this.id, reason, raw, at: new Date(this.deps.clock.now()) });
  }

  #onFrame(f: ScaleFrame): void {
    this.#lastFrameAt = this.deps.clock.monotonic();
    this.#lastDiscard = undefined;
    this.events.emit("frame", f);
    if (f.type === "weight") {
      this.#cell.set("connected");
      return this.#onWeight(f);
    }
    const p = this.#pending;
    if (f.type === "ack") {
      this.#cell.set("connected");
      if (p && f.command !== "info") this.#settlePending(() => p.resolve());
      return;
    }
    if (p)
      return this.#settlePending(() =>
        p.reject(new StationError(f.reason, "DEVICE_FAULT", { context: { raw: f.raw } })),
      );
    if (f.reason.startsWith("scale fault")) this.#cell.set("error", f.reason);
    else this.deps.log.warn({ scale: this.id, reason: f.reason, raw: f.raw }, "scale error reply");
  }

  #onWeight(f: WeightFrame): void {
    this.deps.clock.clearTimeout(this.#recheck);
    const { settled, recheckInMs } = this.#window.update(f, this.deps.clock.now());
    if (recheckInMs !== undefined) this.#recheck = this.deps.clock.setTimeout(() => this.#onWeight(f), recheckInMs);
    const prev = this.#last;
    // Out of range carries no weight: 0 with the overload/underload flag set.
    const grams = settled.grams ?? 0;
    if (
      prev &&
      prev.grams === grams &&
      prev.stable === settled.stable &&
      prev.overload === settled.overload &&
      prev.underload === settled.underload
    )
      return;
    const read: WeightRead = {
      scaleId: this.id,
      grams,
      stable: settled.stable,
      overload: settled.overload,
      underload: settled.underload,
      raw: f.raw,
      at: new Date(this.deps.clock.now()),
    };
    this.#last = read;
    this.#cell.reading(
      settled.overload
        ? "overload"
        : settled.underload
          ? "underload"
          : `${formatGrams(grams)} ${settled.stable ? "stable" : "unstable"}`,
    );
    this.events.emit("weight", read);
  }

  async #control(cmd: "tare" | "zero"): Promise<void> {
    const t = this.#transport;
    if (!t) throw new StationError(`scale ${this.id} is not connected`, "DEVICE_DISCONNECTED");
    if (this.#pending) throw new StationError(`scale ${this.id} is busy with another command`, "DEVICE_FAULT");
    this.#window.reset();
    if (!this.deps.codec.answersControl) return this.#send(t, cmd);
    const done = new Promise<void>((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(
        () =>
          this.#settlePending(() =>
            reject(
              new StationError(
                `scale did not confirm ${cmd} within ${this.deps.config.timeoutMs} ms`,
                "DEVICE_TIMEOUT",
              ),
            ),
          ),
        this.deps.config.timeoutMs,
      );
      this.#pending = { resolve, reject, timer };
    });
    await this.#send(t, cmd).catch((e: unknown) => this.#failPending(e instanceof Error ? e : new Error(String(e))));
    return done;
  }

  #settlePending(fn: () => void): void {
    const p = this.#pending;
    if (!p) return;
    this.#pending = undefined;
    this.deps.clock.clearTimeout(p.timer);
    fn();
  }

  #failPending(e: Error): void {
    const p = this.#pending;
    if (p) this.#settlePending(() => p.reject(e));
  }
}
