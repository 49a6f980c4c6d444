import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { systemdNotify } from "./watchdog.js";

/**
 * Sends through the real systemd-notify binary to a datagram socket standing in for systemd's
 * (python3 plays the manager: it prints each datagram and closes the barrier fd, as systemd does).
 */
const RECEIVER = `
import socket, os, sys, array
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); s.settimeout(5)
print("bound", flush=True)
try:
    while True:
        msg, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(16))
        for lvl, typ, data in anc:
            if lvl == socket.SOL_SOCKET and typ == socket.SCM_RIGHTS:
                fds = array.array("i"); fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
                [os.close(fd) for fd in fds]
        print(msg.decode().replace("\\n", "|"), flush=True)
except socket.timeout:
    pass
`;

function missingTool(): string | undefined {
  for (const [bin, arg] of [
    ["systemd-notify", "--version"],
    ["python3", "--version"],
  ] as const) {
    try {
      execFileSync(bin, [arg], { stdio: "ignore" });
    } catch {
      return `${bin} is not installed`;
    }
  }
  return undefined;
}
const missing = missingTool();
if (missing) console.warn(`systemd-notify round trip skipped: ${missing}`);

describe.skipIf(missing !== undefined)("systemdNotify through the real binary", () => {
  it("delivers READY and STATUS in one datagram", async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), "vl-notify-")), "notify.sock");
    const rx = spawn("python3", ["-c", RECEIVER, socketPath]);
    let out = "";
    rx.stdout.on("data", (d) => (out += String(d)));
    await new Promise<void>((resolve) => rx.stdout.once("data", () => resolve()));
    const before = process.env.NOTIFY_SOCKET;
    process.env.NOTIFY_SOCKET = socketPath;
    try {
      await systemdNotify({ READY: "1", STATUS: "ledger open" });
      for (let i = 0; i < 100 && !out.includes("READY=1"); i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      if (before === undefined) delete process.env.NOTIFY_SOCKET;
      else process.env.NOTIFY_SOCKET = before;
      rx.kill();
    }
    expect(out).toContain("READY=1|STATUS=ledger open");
  });
});
