import { read } from "node:fs";
import { promisify } from "node:util";
import { unixRead } from "@serialport/bindings-cpp/dist/unix-read.js";

/**
 * Hang-up detection for serialport's unix bindings.
 *
 * ```
 *  SerialPortStream._read ─▶ port.read ─▶ unixRead (library loop: EAGAIN ─▶ wait for poller 'readable')
 *                                              └─ fs.read ─▶ readOrHangUp: 0 bytes ─▶ throw "hung up"
 *  stream sees a read error ─▶ closes the port ─▶ 'close' (DisconnectedError) ─▶ ByteTransport.onClose
 * ```
 *
 * Why: read(2) returns 0 only at end of file. The bindings open a tty non-blocking with VMIN=1, so an
 * idle line answers EAGAIN, never 0; a 0 means the tty was hung up (a USB adapter pulled, or the
 * master side of a pty closed), and every later read returns 0 at once. `@serialport/bindings-cpp`
 * 13.0.0 (`dist/unix-read.js`) re-reads on 0 forever (upstream issue serialport/bindings-cpp#162):
 * here 250,000 reads in 6.5 s, seconds of CPU, and no `close` or `error` for the driver to act on.
 * The library's loop is kept (its EAGAIN and cancel handling are what the stream relies on); only
 * the read it calls is replaced, through the `fsReadAsync` hook the loop already passes along.
 */

/** The shape of `fs.read` as the unix read loop calls it. */
export type FsRead = (
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: null,
) => Promise<{ bytesRead: number; buffer: Buffer }>;

/** What serialport needs of a binding (`BindingInterface` of `@serialport/bindings-interface`). */
export interface BindingLike {
  list(): Promise<unknown[]>;
  open(options: { path: string } & Record<string, unknown>): Promise<object>;
}

type UnixPort = Parameters<typeof unixRead>[0]["binding"];

const fsRead: FsRead = promisify(read) as FsRead;

/** The error a hung-up line reads as; the stream turns it into a `close` with this message. */
export function hungUp(path: string): Error {
  return Object.assign(new Error(`${path} hung up (the device or its adapter went away)`), {
    code: "EHANGUP",
    disconnect: true,
  });
}

/** `fs.read` that treats a 0-byte read as the hang-up it is. */
export function readOrHangUp(path: string, readFd: FsRead = fsRead): FsRead {
  return async (fd, buffer, offset, length, position) => {
    const r = await readFd(fd, buffer, offset, length, position);
    if (r.bytesRead === 0) throw hungUp(path);
    return r;
  };
}

/** A port opened by the unix bindings (Linux, macOS): it reads from an fd through a poller. */
function isUnixPort(port: object): port is UnixPort {
  return "fd" in port && "poller" in port && typeof (port as { read?: unknown }).read === "function";
}

/**
 * Wraps a serialport binding so that each unix port it opens reports a hang-up instead of spinning.
 * Ports of other bindings (Windows, `@serialport/binding-mock`) are returned untouched.
 */
export function hangUpAware<B extends BindingLike>(binding: B, readFd: FsRead = fsRead): B {
  return {
    ...binding,
    list: () => binding.list(),
    open: async (options: Parameters<B["open"]>[0]) => {
      const port = await binding.open(options);
      if (!isUnixPort(port)) return port;
      const readFn = readOrHangUp(options.path, readFd);
      // An own property shadows the class's read; everything else stays the library's.
      Object.defineProperty(port, "read", {
        value: (buffer: Buffer, offset: number, length: number) =>
          unixRead({ binding: port, buffer, offset, length, fsReadAsync: readFn as never }),
        configurable: true,
        writable: true,
      });
      return port;
    },
  };
}
