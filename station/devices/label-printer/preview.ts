import { type ChildProcess, fork } from "node:child_process";
import { StationError } from "#station/errors.js";

/** Label size for a preview. */
export interface PreviewSize {
  widthMm: number;
  heightMm: number;
  /** Dots per millimetre: 8 (203 dpi) or 12 (300 dpi). */
  dpmm: number;
}

interface Pending {
  resolve(png: Buffer): void;
  reject(e: Error): void;
}

/**
 * Renders ZPL to PNG offline in a child process (zpl-renderer-js, a WASM build of zebrash).
 * Its heap is about 120 MB (measured here), more than the station's whole memory budget, so it
 * lives outside the station process: started on the first preview, stopped after `idleMs`.
 */
export class PreviewRenderer {
  #child: ChildProcess | undefined;
  #ready: Promise<ChildProcess> | undefined;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #idle: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { idleMs: number; timeoutMs: number } = { idleMs: 60_000, timeoutMs: 20_000 }) {}

  async render(zpl: string, size: PreviewSize): Promise<Buffer> {
    clearTimeout(this.#idle);
    const child = await this.#start();
    const id = this.#next++;
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            this.#settle(
              id,
              undefined,
              new StationError(`label preview took over ${this.opts.timeoutMs} ms`, "DEVICE_TIMEOUT"),
            ),
          this.opts.timeoutMs,
        );
        this.#pending.set(id, {
          resolve: (png) => {
            clearTimeout(timer);
            resolve(png);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, zpl, ...size });
      });
    } finally {
      if (this.#pending.size === 0) this.#idle = setTimeout(() => this.stop(), this.opts.idleMs);
    }
  }

  /** Stops the renderer process (it restarts on the next preview). */
  stop(): void {
    clearTimeout(this.#idle);
    const child = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    child?.kill();
  }

  /** True while the renderer process is running. */
  get running(): boolean {
    return this.#child !== undefined;
  }

  #start(): Promise<ChildProcess> {
    this.#ready ??= new Promise((resolve, reject) => {
      const child = fork(new URL("./preview-worker.mjs", import.meta.url), [], {
        execArgv: [],
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      this.#child = child;
      let stderr = "";
      child.stderr?.on("data", (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-2000);
      });
      child.on("message", (m: { ready?: boolean; id?: number; png?: string; error?: string }) => {
        if (m.ready) return resolve(child);
        if (m.id !== undefined)
          this.#settle(
            m.id,
            m.png,
            m.error === undefined ? undefined : new StationError(`label preview failed: ${m.error}`, "FRAME_INVALID"),
          );
      });
      child.once("exit", (code) => {
        const e = new StationError(
          `label preview renderer stopped (exit ${code}) ${stderr.trim()}`.trim(),
          "DEVICE_FAULT",
        );
        if (this.#child === child) {
          this.#child = undefined;
          this.#ready = undefined;
        }
        reject(e);
        for (const id of [...this.#pending.keys()]) this.#settle(id, undefined, e);
      });
    });
    return this.#ready;
  }

  #settle(id: number, png: string | undefined, error: Error | undefined): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (error || png === undefined)
      p.reject(error ?? new StationError("label preview returned nothing", "FRAME_INVALID"));
    else p.resolve(Buffer.from(png, "base64"));
  }
}
