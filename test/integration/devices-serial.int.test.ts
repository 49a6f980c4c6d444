import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import { ZebraSimulator } from "#station/devices/label-printer/sim-printer.js";
import { shelfLabel } from "#station/devices/label-printer/templates.js";
import { ZebraPrinter } from "#station/devices/label-printer/zebra-printer.js";
import type { ScaleProtocol } from "#station/devices/scale/codec.js";
import { codecFor } from "#station/devices/scale/codecs.js";
import { SerialScale } from "#station/devices/scale/serial-scale.js";
import { ScaleSimulator } from "#station/devices/scale/sim-scale.js";
import { type ByteTransport, serialTransport } from "#station/devices/serial/byte-transport.js";
import type { WeightRead } from "#station/devices/types.js";
import { runProbe } from "#station/probe/index.js";
import { hasSocat, PtyPair } from "./devices-pty.js";

if (!hasSocat)
  console.warn(
    "devices-serial: socat is not installed, so the pseudo-terminal tests are skipped (apt-get install socat)",
  );

const log = pino({ level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** Keeps a simulator attached to the device end of the pair, re-opening it after a replug. */
async function attachDevice(pty: PtyPair, attach: (link: ByteTransport) => void): Promise<() => Promise<void>> {
  let link: ByteTransport | undefined;
  let stopped = false;
  const open = async () => {
    if (stopped) return;
    try {
      link = await serialTransport(pty.device, { baudRate: 9600 })();
      attach(link);
      link.onClose(() => {
        link = undefined;
        setTimeout(() => void open(), 100);
      });
    } catch {
      setTimeout(() => void open(), 100);
    }
  };
  await open();
  return async () => {
    stopped = true;
    await link?.close();
  };
}

/** Every family in poll mode, and in stream mode where the family streams (NCI only answers). */
const scaleCases = [
  ...(["mt-sics", "and", "ohaus", "nci"] as const).map((protocol) => ({ protocol, mode: "poll" as const })),
  ...(["mt-sics", "and", "ohaus"] as const).map((protocol) => ({ protocol, mode: "stream" as const })),
];

describe.skipIf(!hasSocat).each(scaleCases)(
  "$protocol scale ($mode mode) over a socat pseudo-terminal",
  ({ protocol, mode }: { protocol: ScaleProtocol; mode: "poll" | "stream" }) => {
    it("weighs, tares, survives an unplug and reads again after the replug", async () => {
      const pty = new PtyPair();
      await pty.plug();
      cleanups.push(() => pty.remove());
      const sim = new ScaleSimulator({ protocol, clock: systemClock });
      cleanups.push(async () => sim.stop());
      cleanups.push(await attachDevice(pty, (l) => sim.attach(l)));
      const scale = new SerialScale({
        open: serialTransport(pty.host, { baudRate: 9600 }),
        codec: codecFor(protocol),
        log,
        clock: systemClock,
        config: {
          id: "scale-1",
          name: "Bench",
          protocol,
          mode,
          pollMs: 50,
          timeoutMs: 500,
          stableWindowMs: 150,
          reconnectMs: 200,
        },
      });
      cleanups.push(() => scale.close());
      const weights: WeightRead[] = [];
      scale.events.on("weight", (w) => weights.push(w));
      sim.place(3.5, true);
      await scale.start();
      await vi.waitFor(() => expect(weights.at(-1)).toMatchObject({ grams: 3.5, stable: true }), { timeout: 8000 });
      await scale.tare();
      await vi.waitFor(() => expect(weights.at(-1)).toMatchObject({ grams: 0, stable: true }), { timeout: 8000 });

      await pty.unplug();
      await vi.waitFor(() => expect(scale.status().state).toBe("disconnected"), { timeout: 8000 });
      await pty.plug();
      sim.place(10, true);
      await vi.waitFor(() => expect(weights.at(-1)).toMatchObject({ grams: 6.5, stable: true }), { timeout: 15_000 });
      expect(scale.status().state).toBe("connected");
    });
  },
);

describe.skipIf(!hasSocat)("label printer over a socat pseudo-terminal", () => {
  it("checks status, prints, reports paper out, and is shown disconnected when unplugged", async () => {
    const pty = new PtyPair();
    await pty.plug();
    cleanups.push(() => pty.remove());
    const sim = new ZebraSimulator();
    cleanups.push(await attachDevice(pty, (l) => sim.attach(l)));
    const printer = new ZebraPrinter({
      open: serialTransport(pty.host, { baudRate: 9600, xon: true }),
      log,
      clock: systemClock,
      config: {
        id: "printer-1",
        name: "Vault printer",
        statusTimeoutMs: 1000,
        retries: 0,
        retryDelayMs: 0,
        statusPollMs: 0,
      },
    });
    const zpl = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" }).toString();
    await expect(printer.print({ id: "j1", template: "shelf", zpl })).resolves.toMatchObject({ ok: true });
    expect(sim.printed).toHaveLength(1);
    sim.fault({ paperOut: true });
    await expect(printer.print({ id: "j2", template: "shelf", zpl })).rejects.toThrow(/paper out/);
    expect(printer.failed().map((j) => j.id)).toEqual(["j2"]);
    await pty.unplug();
    await expect(printer.reprint("j2")).rejects.toThrow(/cannot open/);
    expect(printer.status().state).toBe("disconnected");
  });
});

describe.skipIf(!hasSocat)("probe scale over a socat pseudo-terminal", () => {
  it("prints the documented JSON line", async () => {
    const pty = new PtyPair();
    await pty.plug();
    cleanups.push(() => pty.remove());
    const sim = new ScaleSimulator({ protocol: "mt-sics", clock: systemClock });
    sim.place(12.34, true);
    cleanups.push(await attachDevice(pty, (l) => sim.attach(l)));
    const out: string[] = [];
    const code = await runProbe(
      ["scale", "--port", pty.host, "--protocol", "mt-sics", "--baud", "9600", "--count", "1"],
      { out: (l) => out.push(l), err: () => undefined },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({ grams: 12.34, stable: true, overload: false, raw: "S S      12.34 g" });
  });
});
