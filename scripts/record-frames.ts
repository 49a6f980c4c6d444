/**
 * Taps a real device and writes what it sends as a fixtures/*.hex file (one frame per line,
 * `# +ms` notes), for the codec and decoder tests.
 *
 *   npx tsx scripts/record-frames.ts serial --port /dev/vault-scale --baud 9600 [--send 'SI\r\n' --every 500]
 *        [--ends 0a,03] --seconds 20 --section bench --out station/devices/scale/fixtures/my-scale.hex
 *   npx tsx scripts/record-frames.ts hid --path /dev/hidraw0 --seconds 20 --section badge --out station/devices/scanner/fixtures/my-scanner.hex
 *
 * Serial frames are cut at the --ends bytes (LF and ETX by default); HID reports are one per line.
 * The file is appended to, so several sections can be recorded into one fixture.
 */
import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { concat } from "#station/devices/scale/codec.js";
import { hexLine, splitFrames } from "#station/devices/fixtures.js";
import { nodeHidBackend } from "#station/devices/scanner/hid-transport.js";
import { serialTransport } from "#station/devices/serial/byte-transport.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    baud: { type: "string" },
    send: { type: "string" },
    every: { type: "string" },
    ends: { type: "string" },
    path: { type: "string" },
    seconds: { type: "string" },
    section: { type: "string" },
    out: { type: "string" },
  },
});

const started = Date.now();
const note = () => `+${Date.now() - started} ms`;
const lines: string[] = [];

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function recordSerial(): Promise<() => Promise<void>> {
  if (!values.port) fail("serial: --port is required");
  const ends = (values.ends ?? "0a,03").split(",").map((h) => Number.parseInt(h, 16));
  const link = await serialTransport(values.port, { baudRate: Number(values.baud ?? 9600) })();
  let rest: Uint8Array = new Uint8Array(0);
  link.onData((b) => {
    const split = splitFrames(concat(rest, b), ends);
    rest = split.rest;
    for (const f of split.frames) lines.push(hexLine(f, note()));
  });
  const command = values.send?.replace(/\\r/g, "\r").replace(/\\n/g, "\n");
  const timer = command
    ? setInterval(() => void link.write(Buffer.from(command, "latin1")), Number(values.every ?? 500))
    : undefined;
  return async () => {
    clearInterval(timer);
    if (rest.length) lines.push(hexLine(rest, `${note()} unfinished`));
    await link.close();
  };
}

async function recordHid(): Promise<() => Promise<void>> {
  if (!values.path) fail("hid: --path is required (see `probe scanner` for the list)");
  const dev = await nodeHidBackend().open(values.path);
  dev.onReport((r) => lines.push(hexLine(r, note())));
  dev.onError((e) => process.stderr.write(`device error: ${e.message}\n`));
  return () => dev.close();
}

const kind = positionals[0];
if (kind !== "serial" && kind !== "hid")
  fail("usage: record-frames.ts serial|hid … --out FILE (see the header of this file)");
if (!values.out) fail("--out FILE is required");
const stop = kind === "serial" ? await recordSerial() : await recordHid();
process.stderr.write(`recording for ${values.seconds ?? 20} s (Ctrl-C stops early)\n`);
await new Promise<void>((resolve) => {
  const t = setTimeout(resolve, Number(values.seconds ?? 20) * 1000);
  process.once("SIGINT", () => {
    clearTimeout(t);
    resolve();
  });
});
await stop();
appendFileSync(
  values.out,
  `# ${values.section ?? "recorded"}: ${kind} ${values.port ?? values.path} ${new Date(started).toISOString()}\n${lines.join("\n")}\n`,
);
process.stderr.write(`${lines.length} frames written to ${values.out}\n`);
