import { EventEmitter } from "node:events";
import { open as openFile } from "node:fs/promises";
import { createConnection, type Socket } from "node:net";
import { SerialPort } from "serialport";
import { StationError } from "#station/errors.js";
import { type BindingLike, hangUpAware } from "./hang-up.js";

/** A byte pipe to a device: serial port, TCP socket, device file or in-memory pair. */
export interface ByteTransport {
  write(bytes: Uint8Array): Promise<void>;
  onData(cb: (bytes: Uint8Array) => void): void;
  /** Called once when the link goes away (unplug, socket reset); `err` says why. */
  onClose(cb: (err?: Error) => void): void;
  close(): Promise<void>;
}

/** Opens a fresh transport; drivers call it again to reconnect. */
export type OpenTransport = () => Promise<ByteTransport>;

/** Serial line settings (the scale's or printer's menu must match). */
export interface SerialSettings {
  baudRate: number;
  dataBits?: 7 | 8;
  parity?: "none" | "even" | "odd";
  stopBits?: 1 | 2;
  /** Software flow control (XON/XOFF), common on Zebra serial ports. */
  xon?: boolean;
  rtscts?: boolean;
}

/** The part of serialport's stream API the transport uses; SerialPort and SerialPortMock both fit. */
interface PortLike {
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
  on(event: "data", cb: (b: Buffer) => void): this;
  on(event: "close" | "error", cb: (err?: Error) => void): this;
  readonly isOpen: boolean;
}
/** A serialport stream class; its static `binding` (as on SerialPort and SerialPortMock) is the one it opens with. */
export type PortClass = (new (
  opts: { path: string; autoOpen: false; binding?: BindingLike } & SerialSettings,
) => PortLike) & { binding?: BindingLike };

/**
 * A serial port transport. `Port` defaults to the real binding; tests pass `SerialPortMock`
 * (the zwave-js default-parameter pattern). The port's binding is wrapped so that a hung-up line
 * (a zero-byte read) closes the port and reaches `onClose` (see hang-up.ts).
 */
export function serialTransport(
  path: string,
  settings: SerialSettings,
  Port: PortClass = SerialPort as unknown as PortClass,
): OpenTransport {
  return async () => {
    const binding = Port.binding && hangUpAware(Port.binding);
    const port = new Port({
      path,
      autoOpen: false,
      ...settings,
      xon: settings.xon ?? false,
      xoff: settings.xon ?? false,
      ...(binding && { binding }),
    } as never);
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err
          ? reject(new StationError(`cannot open ${path}: ${err.message}`, "DEVICE_NOT_FOUND", { cause: err }))
          : resolve(),
      ),
    );
    const closed = new EventEmitter<{ close: [Error | undefined] }>();
    let done = false;
    const finish = (err?: Error) => {
      if (!done) {
        done = true;
        closed.emit("close", err);
      }
    };
    port.on("close", (err?: Error) => finish(err ?? undefined));
    port.on("error", (err?: Error) => finish(err));
    return {
      write: (bytes) =>
        new Promise((resolve, reject) => {
          port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
        }),
      onData: (cb) => {
        port.on("data", (b: Buffer) => cb(new Uint8Array(b)));
      },
      onClose: (cb) => {
        closed.once("close", cb);
      },
      close: () =>
        new Promise((resolve) => {
          done = true;
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    };
  };
}

/** A raw TCP transport (Zebra port 9100, or a `tcp://` simulator). */
export function tcpTransport(host: string, port: number, connectTimeoutMs = 3000): OpenTransport {
  return () =>
    new Promise((resolve, reject) => {
      const sock = createConnection({ host, port });
      sock.setNoDelay(true);
      const timer = setTimeout(
        () => sock.destroy(new Error(`no connection to ${host}:${port} within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      sock.once("error", (err) => {
        clearTimeout(timer);
        reject(
          new StationError(`cannot connect to ${host}:${port}: ${err.message}`, "DEVICE_NOT_FOUND", { cause: err }),
        );
      });
      sock.once("connect", () => {
        clearTimeout(timer);
        sock.removeAllListeners("error");
        resolve(socketTransport(sock));
      });
    });
}

/** Wraps a connected socket (either end: the driver's or a simulator's). */
export function socketTransport(sock: Socket): ByteTransport {
  const closed = new EventEmitter<{ close: [Error | undefined] }>();
  let lastError: Error | undefined;
  sock.on("error", (e) => {
    lastError = e;
  });
  sock.once("close", () => closed.emit("close", lastError ?? new Error("connection closed by the other end")));
  return {
    write: (bytes) => new Promise((res, rej) => sock.write(bytes, (e) => (e ? rej(e) : res()))),
    onData: (cb) => {
      sock.on("data", (b) => cb(new Uint8Array(b)));
    },
    onClose: (cb) => {
      closed.once("close", cb);
    },
    close: () =>
      new Promise((res) => {
        closed.removeAllListeners();
        if (sock.destroyed) return res();
        sock.once("close", () => res());
        sock.end();
        sock.destroySoon();
      }),
  };
}

/**
 * A character device such as `/dev/usb/lp0` (usblp). Writes go straight through; reads are
 * attempted, but many printers send nothing back over usblp (hardware.md §3.3).
 */
export function deviceFileTransport(path: string): OpenTransport {
  return async () => {
    const fh = await openFile(path, "r+").catch((e: Error) => {
      throw new StationError(`cannot open ${path}: ${e.message}`, "DEVICE_NOT_FOUND", { cause: e });
    });
    const ee = new EventEmitter<{ data: [Uint8Array]; close: [Error | undefined] }>();
    let open = true;
    void (async () => {
      const buf = Buffer.alloc(512);
      while (open) {
        try {
          const { bytesRead } = await fh.read(buf, 0, buf.length, null);
          if (bytesRead > 0) ee.emit("data", Uint8Array.from(buf.subarray(0, bytesRead)));
          else await new Promise((r) => setTimeout(r, 50));
        } catch (e) {
          if (open) ee.emit("close", e as Error);
          open = false;
        }
      }
    })();
    return {
      write: async (bytes) => {
        await fh.write(bytes);
      },
      onData: (cb) => {
        ee.on("data", cb);
      },
      onClose: (cb) => {
        ee.once("close", cb);
      },
      close: async () => {
        open = false;
        ee.removeAllListeners();
        await fh.close();
      },
    };
  };
}

/** Picks the transport for a configured path: `tcp://host:port` or a serial device path. */
export function transportFor(path: string, settings: SerialSettings, Port?: PortClass): OpenTransport {
  const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(path);
  if (tcp) return tcpTransport(tcp[1]!, Number(tcp[2]));
  return serialTransport(path, settings, Port);
}
