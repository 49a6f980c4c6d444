import { EventEmitter } from "node:events";
import type { ByteTransport } from "./byte-transport.js";

/** One end of an in-memory link, with a way to cut it (an unplug). */
export interface MemoryEnd extends ByteTransport {
  /** Breaks the link: both ends see onClose with this reason. */
  cut(reason: string): void;
}

/**
 * Two connected in-memory transports. Writes are delivered synchronously, so the simulated
 * devices behind the kiosk answer in the same tick, as the sim controls expect.
 */
export function memoryPair(): [MemoryEnd, MemoryEnd] {
  const a = new EventEmitter<{ data: [Uint8Array]; close: [Error | undefined] }>();
  const b = new EventEmitter<{ data: [Uint8Array]; close: [Error | undefined] }>();
  let up = true;
  const cut = (reason: string) => {
    if (!up) return;
    up = false;
    a.emit("close", new Error(reason));
    b.emit("close", new Error(reason));
  };
  const end = (self: typeof a, other: typeof a): MemoryEnd => ({
    write: async (bytes) => {
      if (!up) throw new Error("link is down");
      other.emit("data", Uint8Array.from(bytes));
    },
    onData: (cb) => {
      self.on("data", cb);
    },
    onClose: (cb) => {
      self.once("close", cb);
    },
    close: async () => {
      cut("closed");
    },
    cut,
  });
  return [end(a, b), end(b, a)];
}
