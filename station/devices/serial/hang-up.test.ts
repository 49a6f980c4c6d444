import { spawnSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LinuxPortBinding } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ByteTransport, type PortClass, serialTransport } from "./byte-transport.js";
import { hangUpAware, readOrHangUp } from "./hang-up.js";

/**
 * A named pipe behaves as a hung-up tty does for the unix read loop: EAGAIN while the writer is
 * open and idle, then 0 bytes on every read once it has gone. The port is the library's own
 * LinuxPortBinding over the pipe's fd, so the library's read loop is what runs.
 */
function fifoLine() {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-fifo-"));
  const path = join(dir, "ttyFIFO");
  if (spawnSync("mkfifo", [path]).status !== 0) throw new Error("mkfifo failed");
  let writer: number | undefined;
  const binding = {
    list: async () => [],
    open: async (opts: { path: string }) => {
      const fd = openSync(opts.path, constants.O_RDONLY | constants.O_NONBLOCK);
      writer = openSync(opts.path, constants.O_WRONLY | constants.O_NONBLOCK);
      return new LinuxPortBinding(fd, opts as never);
    },
  };
  class FifoPort extends SerialPortStream {
    static binding = binding;
    constructor(opts: object) {
      super({ binding, ...opts } as never);
    }
  }
  return {
    path,
    Port: FifoPort as unknown as PortClass,
    send: (text: string) => writeSync(writer!, text),
    hangUp: () => {
      closeSync(writer!);
      writer = undefined;
    },
    remove: () => {
      if (writer !== undefined) closeSync(writer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("serial transport hang-up", () => {
  it("passes data through, then closes with a reason when the line hangs up", async () => {
    const line = fifoLine();
    cleanups.push(line.remove);
    const t: ByteTransport = await serialTransport(line.path, { baudRate: 9600 }, line.Port)();
    cleanups.push(() => t.close());
    const got: string[] = [];
    const closed: (Error | undefined)[] = [];
    t.onData((b) => got.push(Buffer.from(b).toString()));
    t.onClose((e) => closed.push(e));

    line.send("S S      12.34 g\r\n");
    await vi.waitFor(() => expect(got.join("")).toBe("S S      12.34 g\r\n"));
    expect(closed).toEqual([]);

    line.hangUp();
    await vi.waitFor(() => expect(closed).toHaveLength(1), { timeout: 2000 });
    expect(closed[0]?.message).toMatch(/ttyFIFO hung up/);
  });

  it("reads a zero-byte read as a hang-up and passes real data through", async () => {
    const read = readOrHangUp("/dev/ttyUSB0", async (_fd, buffer, _o, length) => ({
      bytesRead: length === 0 ? 0 : 1,
      buffer,
    }));
    await expect(read(3, Buffer.alloc(4), 0, 4, null)).resolves.toMatchObject({ bytesRead: 1 });
    await expect(read(3, Buffer.alloc(4), 0, 0, null)).rejects.toMatchObject({
      message: "/dev/ttyUSB0 hung up (the device or its adapter went away)",
      disconnect: true,
    });
  });

  it("leaves ports of bindings without an fd (binding-mock, Windows) as they are", async () => {
    const read = async () => ({ bytesRead: 0 });
    const port = { read, close: async () => undefined };
    const opened = await hangUpAware({ list: async () => [], open: async (_opts: { path: string }) => port }).open({
      path: "/dev/mock",
    });
    expect(opened).toBe(port);
    expect(port.read).toBe(read);
  });
});
