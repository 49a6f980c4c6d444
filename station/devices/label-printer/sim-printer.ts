import { createServer, type Server, type Socket } from "node:net";
import { type ByteTransport, socketTransport } from "../serial/byte-transport.js";
import { encodeHostStatus, type HostStatus } from "./host-status.js";

type Faults = Pick<HostStatus, "paperOut" | "headOpen" | "ribbonOut" | "paused">;

/**
 * A wire-level Zebra printer: answers ~HS with the three status strings and keeps each
 * ^XA…^XZ format it "prints". Faults are set with `fault()`; `mute()` models the models that
 * stay silent while out of media.
 */
export class ZebraSimulator {
  readonly printed: string[] = [];
  #faults: Faults = { paperOut: false, headOpen: false, ribbonOut: false, paused: false };
  #muted = false;
  #inbox = "";
  /** Faults to raise right after the next format, e.g. paper running out mid-job. */
  #afterNext: Partial<Faults> | undefined;

  /** Serves one connection or port; several may be attached over time. */
  attach(link: ByteTransport): void {
    link.onData((b) => this.#onBytes(link, b));
  }

  fault(f: Partial<Faults>): void {
    this.#faults = { ...this.#faults, ...f };
  }

  /** Raises faults right after the next label prints. */
  faultAfterNextLabel(f: Partial<Faults>): void {
    this.#afterNext = f;
  }

  clear(): void {
    this.#faults = { paperOut: false, headOpen: false, ribbonOut: false, paused: false };
    this.#muted = false;
  }

  mute(on = true): void {
    this.#muted = on;
  }

  #onBytes(link: ByteTransport, b: Uint8Array): void {
    this.#inbox += Buffer.from(b).toString("utf8");
    for (;;) {
      const hs = this.#inbox.indexOf("~HS");
      const xa = this.#inbox.indexOf("^XA");
      const xz = xa === -1 ? -1 : this.#inbox.indexOf("^XZ", xa);
      if (hs !== -1 && (xa === -1 || hs < xa)) {
        this.#inbox = this.#inbox.slice(hs + 3);
        if (!this.#muted) void link.write(Buffer.from(encodeHostStatus(this.#faults), "latin1")).catch(() => undefined);
        continue;
      }
      if (xa !== -1 && xz !== -1) {
        this.#format(this.#inbox.slice(xa, xz + 3));
        this.#inbox = this.#inbox.slice(xz + 3);
        continue;
      }
      return;
    }
  }

  #format(zpl: string): void {
    const f = this.#faults;
    if (f.paperOut || f.headOpen || f.ribbonOut || f.paused) return;
    this.printed.push(zpl);
    if (this.#afterNext) {
      this.fault(this.#afterNext);
      this.#afterNext = undefined;
    }
  }
}

/** A fake raw-TCP (port 9100 style) printer on a local port (0 = any free one). */
export async function fakeZebraServer(
  sim = new ZebraSimulator(),
  listenPort = 0,
): Promise<{ port: number; sim: ZebraSimulator; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.once("close", () => sockets.delete(sock));
    sim.attach(socketTransport(sock));
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    sim,
    server,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
