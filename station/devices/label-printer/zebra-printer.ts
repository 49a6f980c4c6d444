import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import { type Clock, sleep } from "#station/clock.js";
import { StationError, reasonOf } from "#station/errors.js";
import { frameLog } from "../frame-log.js";
import type { ByteTransport, OpenTransport } from "../serial/byte-transport.js";
import { StatusCell } from "../status.js";
import { decodeHostStatus, HS_REQUEST, type HostStatus, problems } from "./host-status.js";
import type { PrintJob, PrintResult, Printer } from "./port.js";

/**
 * Zebra ZPL II printer over any byte transport (serial, raw TCP 9100, /dev/usb/lp*).
 *
 * ```
 *  print(job) ─▶ queue ─▶ open ─▶ ~HS ─▶ ready? ─▶ ZPL ─▶ ~HS ─▶ ok ─▶ close ─▶ 'job' {ok}
 *                            ▲        └ problem / no answer ─▶ retry after retryDelayMs ─┘
 *                            └───────────── after the retries: failed() list, 'job' {ok:false}
 * ```
 * Zebra printers take one TCP connection at a time (Zebra KB "LPR/LPD printing"), so each job
 * opens, works and closes. Some models send no ~HS reply while out of media or with the head
 * open (~HS notes), so silence is an error, never "probably fine".
 */
export interface PrinterConfig {
  id: string;
  name: string;
  /** How long to wait for a ~HS reply, ms. */
  statusTimeoutMs: number;
  /** Extra attempts after the first for a job that fails before printing. */
  retries: number;
  retryDelayMs: number;
  /** Idle status check interval, ms; 0 turns it off. */
  statusPollMs: number;
}

export interface ZebraPrinterDeps {
  open: OpenTransport;
  config: PrinterConfig;
  log: Logger;
  clock: Clock;
}

export class ZebraPrinter implements Printer {
  readonly events = new EventEmitter<{ status: [DeviceStatus]; job: [PrintResult] }>();
  readonly #cell: StatusCell;
  readonly #failed = new Map<string, PrintJob>();
  readonly #frames: ReturnType<typeof frameLog>;
  #queue: Promise<unknown> = Promise.resolve();
  #poll: NodeJS.Timeout | undefined;
  #busy = 0;
  #closed = false;

  constructor(private readonly deps: ZebraPrinterDeps) {
    this.#cell = new StatusCell({ id: deps.config.id, kind: "printer", name: deps.config.name, clock: deps.clock });
    this.#cell.events.on("status", (s) => this.events.emit("status", s));
    this.#frames = frameLog(deps.log);
  }

  get id(): string {
    return this.deps.config.id;
  }

  status(): DeviceStatus {
    return this.#cell.current;
  }

  failed(): PrintJob[] {
    return [...this.#failed.values()];
  }

  /** Checks status once; start-up waits at most `statusTimeoutMs` for it, so an off printer never holds up the station. */
  async start(): Promise<void> {
    const first = this.checkStatus().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      first,
      new Promise<void>((r) => {
        timer = this.deps.clock.setTimeout(r, this.deps.config.statusTimeoutMs);
      }),
    ]);
    this.deps.clock.clearTimeout(timer);
    if (this.deps.config.statusPollMs > 0) {
      this.#poll = this.deps.clock.setInterval(() => {
        if (this.#busy === 0) void this.checkStatus().catch(() => undefined);
      }, this.deps.config.statusPollMs);
    }
  }

  /** Asks ~HS once and updates the status; resolves with the printer's answer. */
  checkStatus(): Promise<HostStatus> {
    return this.#enqueue(() => this.#connection(async (t, read) => this.#ready(await this.#query(t, read), "")));
  }

  print(job: PrintJob): Promise<PrintResult> {
    this.#failed.delete(job.id);
    return this.#enqueue(() => this.#run(job));
  }

  reprint(jobId: string): Promise<PrintResult> {
    const job = this.#failed.get(jobId);
    if (!job) return Promise.reject(new StationError(`no failed print job ${jobId}`, "DEVICE_FAULT"));
    return this.print(job);
  }

  dismiss(jobId: string): boolean {
    const had = this.#failed.delete(jobId);
    if (had) this.deps.log.warn({ printer: this.id, jobId }, "failed print job dismissed");
    return had;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.deps.clock.clearInterval(this.#poll);
    await this.#queue.catch(() => undefined);
  }

  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      this.#busy++;
      try {
        return await fn();
      } finally {
        this.#busy--;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(job: PrintJob): Promise<PrintResult> {
    const { retries, retryDelayMs } = this.deps.config;
    let last: unknown;
    let attempts = 0;
    while (attempts <= retries && !this.#closed) {
      attempts++;
      try {
        await this.#connection((t, read) => this.#attempt(t, read, job));
        return this.#done(job, attempts);
      } catch (e) {
        last = e;
        this.deps.log.warn(
          { printer: this.id, jobId: job.id, attempt: attempts, code: (e as StationError).code, err: reasonOf(e) },
          "print attempt failed",
        );
        if ((e as StationError).context?.["printed"] === "maybe") break;
        if (attempts <= retries) await sleep(this.deps.clock, retryDelayMs);
      }
    }
    this.#failed.set(job.id, job);
    const result = this.#result(job, attempts, reasonOf(last));
    this.events.emit("job", result);
    throw new StationError(`label not printed: ${reasonOf(last)}`, "DEVICE_FAULT", {
      cause: last,
      context: { jobId: job.id },
    });
  }

  async #attempt(t: ByteTransport, read: StatusReader, job: PrintJob): Promise<void> {
    this.#ready(await this.#query(t, read), "before the job");
    const bytes = Buffer.from(job.zpl, "utf8");
    this.#frames.tx(bytes);
    await t.write(bytes);
    try {
      this.#ready(await this.#query(t, read), "after the job");
    } catch (e) {
      // The format was sent: it may have printed. Resending could print a second label, so the
      // job goes to the failed list for the coordinator to check and reprint.
      throw new StationError(`${reasonOf(e)}; check whether the label printed`, "DEVICE_FAULT", {
        cause: e,
        context: { printed: "maybe" },
      });
    }
  }

  #done(job: PrintJob, attempts: number): PrintResult {
    const result = this.#result(job, attempts);
    this.events.emit("job", result);
    return result;
  }

  #result(job: PrintJob, attempts: number, error?: string): PrintResult {
    const r: PrintResult = {
      jobId: job.id,
      printerId: this.id,
      template: job.template,
      ok: error === undefined,
      attempts,
      at: new Date(this.deps.clock.now()),
    };
    if (job.label !== undefined) r.label = job.label;
    if (error !== undefined) r.error = error;
    return r;
  }

  /** Opens the transport for one unit of work and always closes it. */
  async #connection<T>(work: (t: ByteTransport, read: StatusReader) => Promise<T>): Promise<T> {
    let t: ByteTransport;
    try {
      t = await this.deps.open();
    } catch (e) {
      this.#cell.set("disconnected", reasonOf(e));
      throw e;
    }
    const read = new StatusReader(this.deps.clock, (b) => this.#frames.rx(b));
    t.onData((b) => read.push(b));
    t.onClose((err) => read.fail(err ?? new Error("connection closed")));
    try {
      return await work(t, read);
    } finally {
      await t.close().catch(() => undefined);
    }
  }

  async #query(t: ByteTransport, read: StatusReader): Promise<HostStatus> {
    this.#frames.tx(Buffer.from(HS_REQUEST));
    const answer = read.next(this.deps.config.statusTimeoutMs);
    await t.write(Buffer.from(HS_REQUEST));
    try {
      return await answer;
    } catch (e) {
      this.#cell.set("error", reasonOf(e));
      throw e;
    }
  }

  /** Throws when the status stops printing; otherwise marks the printer connected. */
  #ready(s: HostStatus, when: string): HostStatus {
    const p = problems(s);
    if (p.length === 0) {
      this.#cell.set("connected");
      return s;
    }
    const reason = `printer reports ${p.join(", ")}${when ? ` ${when}` : ""}`;
    this.#cell.set("error", reason);
    throw new StationError(reason, "DEVICE_FAULT", { context: { status: s.raw } });
  }
}

/** Collects bytes from the printer and hands out one ~HS reply per request. */
class StatusReader {
  #buf: Uint8Array = new Uint8Array(0);
  #waiter: { resolve(s: HostStatus): void; reject(e: Error): void; timer: NodeJS.Timeout } | undefined;
  #error: Error | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly rx: (b: Uint8Array) => void,
  ) {}

  push(b: Uint8Array): void {
    this.rx(b);
    this.#buf = Uint8Array.from([...this.#buf, ...b]);
    const d = decodeHostStatus(this.#buf);
    this.#buf = d.rest;
    if (d.status && this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      this.clock.clearTimeout(w.timer);
      w.resolve(d.status);
    }
  }

  fail(e: Error): void {
    this.#error = e;
    const w = this.#waiter;
    this.#waiter = undefined;
    if (w) {
      this.clock.clearTimeout(w.timer);
      w.reject(new StationError(`printer connection lost: ${e.message}`, "DEVICE_DISCONNECTED", { cause: e }));
    }
  }

  next(timeoutMs: number): Promise<HostStatus> {
    if (this.#error)
      return Promise.reject(new StationError(`printer connection lost: ${this.#error.message}`, "DEVICE_DISCONNECTED"));
    this.#buf = new Uint8Array(0);
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.#waiter = undefined;
        reject(
          new StationError(
            `printer did not answer ~HS within ${timeoutMs} ms (off, out of media or head open)`,
            "DEVICE_TIMEOUT",
          ),
        );
      }, timeoutMs);
      this.#waiter = { resolve, reject, timer };
    });
  }
}
