import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "#station/clock.js";
import { tcpTransport } from "../serial/byte-transport.js";
import type { PrintResult } from "./port.js";
import { fakeZebraServer } from "./sim-printer.js";
import { shelfLabel } from "./templates.js";
import { type PrinterConfig, ZebraPrinter } from "./zebra-printer.js";

const log = pino({ level: "silent" });
const config: PrinterConfig = {
  id: "printer-1",
  name: "Vault printer",
  statusTimeoutMs: 300,
  retries: 2,
  retryDelayMs: 20,
  statusPollMs: 0,
};
const zpl = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" }).toString();
const job = (id: string) => ({ id, template: "shelf" as const, label: "VAULT-A-03", zpl });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function rig(over: Partial<PrinterConfig> = {}) {
  const server = await fakeZebraServer();
  cleanups.push(server.close);
  const printer = new ZebraPrinter({
    open: tcpTransport("127.0.0.1", server.port, 500),
    config: { ...config, ...over },
    log,
    clock: systemClock,
  });
  const results: PrintResult[] = [];
  printer.events.on("job", (r) => results.push(r));
  cleanups.push(() => printer.close());
  return { server, sim: server.sim, printer, results };
}

describe("ZebraPrinter against a fake raw-TCP printer", () => {
  it("checks ~HS, sends the format, checks ~HS again, and reports success", async () => {
    const r = await rig();
    const result = await r.printer.print(job("j1"));
    expect(result).toMatchObject({
      ok: true,
      printerId: "printer-1",
      template: "shelf",
      label: "VAULT-A-03",
      attempts: 1,
    });
    expect(r.sim.printed).toEqual([zpl.slice(0, zpl.indexOf("^XZ") + 3)]);
    expect(r.printer.status().state).toBe("connected");
    expect(r.results).toEqual([result]);
  });

  it("does not send a format to a printer that is out of paper; retries, then keeps the job", async () => {
    const r = await rig();
    r.sim.fault({ paperOut: true });
    await expect(r.printer.print(job("j2"))).rejects.toMatchObject({
      code: "DEVICE_FAULT",
      message: expect.stringMatching(/paper out before the job/),
    });
    expect(r.sim.printed).toEqual([]);
    expect(r.results).toEqual([
      expect.objectContaining({ ok: false, attempts: 3, error: expect.stringMatching(/paper out/) }),
    ]);
    expect(r.printer.status()).toMatchObject({ state: "error", reason: "printer reports paper out before the job" });
    expect(r.printer.failed().map((j) => j.id)).toEqual(["j2"]);
    r.sim.clear();
    await expect(r.printer.reprint("j2")).resolves.toMatchObject({ ok: true });
    expect(r.printer.failed()).toEqual([]);
    expect(r.sim.printed).toHaveLength(1);
  });

  it.each([
    ["headOpen", "head open"],
    ["ribbonOut", "ribbon out"],
    ["paused", "paused"],
  ] as const)("reports %s", async (flag, words) => {
    const r = await rig({ retries: 0 });
    r.sim.fault({ [flag]: true });
    await expect(r.printer.print(job("j3"))).rejects.toThrow(words);
    expect(r.printer.status().reason).toMatch(words);
  });

  it("treats a printer that does not answer ~HS as an error", async () => {
    const r = await rig({ retries: 1 });
    r.sim.mute();
    await expect(r.printer.print(job("j4"))).rejects.toMatchObject({
      message: expect.stringMatching(/did not answer ~HS/),
    });
    expect(r.printer.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/did not answer/) });
    expect(r.sim.printed).toEqual([]);
    expect(r.printer.failed()).toHaveLength(1);
  });

  it("does not resend a label the printer may have printed when paper runs out during it", async () => {
    const r = await rig();
    r.sim.faultAfterNextLabel({ paperOut: true });
    await expect(r.printer.print(job("j5"))).rejects.toThrow(/check whether the label printed/);
    expect(r.sim.printed).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ ok: false, attempts: 1 });
    expect(r.printer.failed().map((j) => j.id)).toEqual(["j5"]);
  });

  it("shows a printer that is gone as disconnected and prints again once it is back", async () => {
    const r = await rig({ retries: 0 });
    const port = r.server.port;
    await r.server.close();
    await expect(r.printer.print(job("j6"))).rejects.toThrow(/cannot connect/);
    expect(r.printer.status()).toMatchObject({ state: "disconnected", reason: expect.stringMatching(/ECONNREFUSED/) });
    const back = await fakeZebraServer(undefined, port);
    cleanups.push(back.close);
    await expect(r.printer.reprint("j6")).resolves.toMatchObject({ ok: true });
    expect(back.sim.printed).toHaveLength(1);
    expect(r.printer.status().state).toBe("connected");
  });

  it("runs jobs one at a time in order", async () => {
    const r = await rig();
    const labels = ["A-01", "A-02", "A-03"].map((code) =>
      shelfLabel({ locationCode: code, locationName: code }).toString(),
    );
    await Promise.all(labels.map((z, i) => r.printer.print({ id: `q${i}`, template: "shelf", zpl: z })));
    expect(r.sim.printed.map((p) => /\^FD(A-0\d)\^FS/.exec(p.split("^BC")[1] ?? "")?.[1])).toEqual([
      "A-01",
      "A-02",
      "A-03",
    ]);
  });
});
