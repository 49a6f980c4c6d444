import { parseArgs } from "node:util";
import { pino } from "pino";
import { systemClock } from "#station/clock.js";
import { scaleProtocols, type ScaleProtocol } from "#station/devices/scale/codec.js";
import { codecFor } from "#station/devices/scale/codecs.js";
import { SerialScale } from "#station/devices/scale/serial-scale.js";
import { transportFor } from "#station/devices/serial/byte-transport.js";
import { listSerialPorts } from "#station/devices/serial/list-ports.js";
import { EXIT, intOption, type ProbeIo, until, usageError } from "./io.js";

export const scaleUsage =
  "probe scale --port PATH --protocol mt-sics|and|ohaus|nci [--baud N] [--mode poll|stream] [--count N] [--seconds N]";

/**
 * Prints every weight frame as `{"grams": 12.34, "stable": true, "overload": false, "raw": "..."}`
 * (grams null when out of range), status changes to stderr. Runs until interrupted, or until
 * `--count` readings; `--seconds` bounds the wait. Exit 1 when no reading came.
 */
export async function probeScale(args: string[], io: ProbeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      protocol: { type: "string" },
      baud: { type: "string" },
      mode: { type: "string" },
      count: { type: "string" },
      seconds: { type: "string" },
    },
  });
  if (!values.port) {
    const found = await listSerialPorts();
    const hint = found.length ? `ports found: ${found.map((p) => p.path).join(", ")}` : "no serial ports found";
    throw usageError(`--port is required (e.g. /dev/vault-scale or tcp://host:port); ${hint}`);
  }
  if (!values.protocol || !(scaleProtocols as readonly string[]).includes(values.protocol)) {
    throw usageError(
      `--protocol must be one of ${scaleProtocols.join(", ")}${values.protocol ? `, got "${values.protocol}"` : ""}`,
    );
  }
  const mode = values.mode ?? "poll";
  if (mode !== "poll" && mode !== "stream") throw usageError(`--mode must be poll or stream, got "${mode}"`);
  const protocol = values.protocol as ScaleProtocol;
  const count = intOption(values.count, "count");
  const seconds = intOption(values.seconds, "seconds") ?? (count ? 10 : undefined);
  const scale = new SerialScale({
    open: transportFor(values.port, { baudRate: intOption(values.baud, "baud") ?? 9600 }, io.deps?.serialPort),
    codec: codecFor(protocol),
    log: pino({ level: "silent" }),
    clock: io.deps?.clock ?? systemClock,
    config: {
      id: "probe",
      name: values.port,
      protocol,
      mode,
      pollMs: 250,
      timeoutMs: 2000,
      stableWindowMs: 0,
      reconnectMs: 1000,
    },
  });
  const stop = new AbortController();
  io.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  let readings = 0;
  scale.events.on("frame", (f) => {
    if (f.type !== "weight") return io.err(`${f.type}: ${f.type === "error" ? f.reason : f.raw}`);
    io.out(JSON.stringify({ grams: f.grams, stable: f.stable, overload: f.overload, raw: f.raw }));
    if (count !== undefined && ++readings >= count) stop.abort();
  });
  scale.events.on("discarded", (d) => io.err(`dropped: ${d.reason}: ${d.raw}`));
  scale.events.on("status", (s) => io.err(`status: ${s.state}${s.reason ? `: ${s.reason}` : ""}`));
  await scale.start();
  await until(seconds === undefined ? undefined : seconds * 1000, stop.signal);
  await scale.close();
  if (count !== undefined && readings < count) {
    io.err(`only ${readings} of ${count} readings within ${seconds} s`);
    return EXIT.device;
  }
  return EXIT.ok;
}
