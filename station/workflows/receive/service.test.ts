import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import type { Envelope } from "#contract/envelope.js";
import type { Manifest } from "#contract/receiving.js";
import { manualClock } from "#station/clock.js";
import type { Printer, PrintJob } from "#station/devices/index.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { ReceivingConfigSchema } from "./config.js";
import { Receiving, type Person, type ReceivingDeps, type RecordedScan } from "./service.js";
import { shelvesFrom } from "./shelves.js";

const tag = (i: number) => `1A4060300012B7C00000${String(i).padStart(4, "0")}`;
const coa = { lab: "SC Labs", testedAt: "2026-11-02", thc: "24.1%", cbd: "0.1%", overallPassed: true };
const manifest: Manifest = {
  manifestNumber: "0000012345",
  shipperName: "Coastal Farms",
  shipperLicense: "C11-0000456-LIC",
  arrival: null,
  lines: [
    {
      label: tag(1),
      itemId: "gg4",
      itemName: "Bulk GG4",
      quantity: 453.6,
      unit: "Grams",
      labState: "TestPassed",
      coa,
      weightBased: true,
      containerTareGrams: 212,
      packagedDate: "2026-11-03",
    },
    {
      label: tag(2),
      itemId: "cart",
      itemName: "Live Resin Cart",
      quantity: 50,
      unit: "Each",
      labState: "TestFailed",
      coa,
      weightBased: false,
    },
  ],
};

function fakePrinter(fail = false) {
  const jobs: PrintJob[] = [];
  const printer = {
    id: "printer-1",
    print: async (job: PrintJob) => {
      jobs.push(job);
      if (fail) throw new Error("paper out");
      return { jobId: job.id, printerId: "printer-1", template: job.template, ok: true, attempts: 1, at: new Date() };
    },
  } as unknown as Printer;
  return { printer, jobs };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function rig(over: Partial<ReceivingDeps> = {}, dir?: string) {
  const d = dir ?? (await tempDir("vaultline-receiving-")).dir;
  const sent: Envelope[] = [];
  const { printer, jobs } = fakePrinter();
  let person: Person | null = { employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" };
  const { shelved, categories } = shelvesFrom(
    [{ id: "gg4", name: "GG4", category: "flower", unit: "Grams", weightBased: true }],
    [
      {
        label: tag(900),
        itemId: "gg4",
        quantity: 400,
        unit: "Grams",
        location: "Vault B-2",
        status: "active",
        labState: "TestPassed",
        packagedDate: "2026-09-01",
      },
      {
        label: tag(901),
        itemId: "gg4",
        quantity: 28,
        unit: "Grams",
        location: "Sales Floor",
        status: "active",
        labState: "TestPassed",
        packagedDate: "2026-08-01",
      },
    ],
    ["Quarantine", "Sales Floor"],
  );
  const r = await Receiving.open({
    stationId: "vault-1",
    siteId: "site-1",
    clock: manualClock(),
    log: quietLog,
    file: join(d, "receiving.journal"),
    outbox: {
      append: async (env) => {
        sent.push(env);
      },
    },
    manifests: () => [manifest],
    shelves: { shelved: () => shelved, categoryOf: (id) => categories.get(id) },
    printer: () => printer,
    person: () => person,
    config: ReceivingConfigSchema.parse({}),
    ...over,
  });
  cleanups.push(() => r.close());
  return {
    r,
    sent,
    jobs,
    dir: d,
    signOut: () => {
      person = null;
    },
    setPerson: (p: Person) => {
      person = p;
    },
  };
}

let n = 0;
function scanEnv(code: string): RecordedScan {
  return { id: `scan-${++n}`, at: "2026-11-27T18:00:00.000Z", code, classification: classifyBarcode(code) };
}
const weight = (grams: number) => ({
  scaleId: "scale-1",
  grams,
  stable: true,
  overload: false,
  raw: `S S ${grams} g`,
  at: new Date(),
});
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("Receiving", () => {
  it("lets only a signed-in coordinator, manager or admin open a manifest that is offered", async () => {
    const { r, signOut, setPerson } = await rig();
    setPerson({ employeeId: "emp-9", name: "Sam", role: "budtender" });
    expect(await r.start("0000012345")).toEqual({ ok: false, reason: "Sam (budtender) may not receive a manifest" });
    signOut();
    expect((await r.start("0000012345")).ok).toBe(false);
    setPerson({ employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" });
    expect(await r.start("999")).toEqual({ ok: false, reason: "Manifest 999 is not offered to this vault" });
    const doubled = { ...manifest, manifestNumber: "0000099999", lines: [manifest.lines[1]!, manifest.lines[1]!] };
    const withDouble = await rig({ manifests: () => [doubled] });
    expect(await withDouble.r.start("0000099999")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(new RegExp(`${tag(2)} twice`)),
    });
    expect(await r.start("0000012345")).toEqual({ ok: true });
    expect(r.scanContext()).toEqual({ workflow: "receive", sessionId: r.current()!.receivingId });
  });

  it("publishes each decision at once, prints shelf and quarantine labels, and a print event for each", async () => {
    const { r, sent, jobs } = await rig();
    await r.start("0000012345");
    await r.onScan(scanEnv(tag(1)));
    await r.onWeight(weight(665.4));
    expect(await r.decide({ label: tag(1), decision: "accept" })).toEqual({ ok: true });
    await r.onScan(scanEnv(tag(2)));
    expect(await r.decide({ label: tag(2), decision: "reject", reason: "failed-lab" })).toEqual({ ok: true });
    await settle();
    const receives = sent
      .filter((e) => e.type === "receive")
      .map((e) => (e.payload as { line: { label: string; location: string } }).line);
    expect(receives).toEqual([
      expect.objectContaining({ label: tag(1), location: "Vault B-2" }),
      expect.objectContaining({ label: tag(2), location: "Quarantine" }),
    ]);
    expect(sent.find((e) => e.type === "weight")?.payload).toMatchObject({
      grams: 665.4,
      label: tag(1),
      scaleId: "scale-1",
    });
    expect(jobs.map((j) => [j.template, j.label])).toEqual([
      ["shelf", tag(1)],
      ["quarantine", tag(2)],
    ]);
    expect(jobs[0]!.zpl).toContain("Bulk GG4 · back of 2");
    expect(jobs[0]!.zpl).toContain("Vault B-2");
    expect(jobs[1]!.zpl).toContain("Failed lab test");
    expect(sent.filter((e) => e.type === "print").map((e) => e.payload)).toEqual([
      { printerId: "printer-1", template: "shelf", label: tag(1), ok: true },
      { printerId: "printer-1", template: "quarantine", label: tag(2), ok: true },
    ]);
    expect(await r.complete()).toEqual({ ok: true });
    expect(sent.at(-1)).toMatchObject({
      type: "receive",
      payload: { action: "completed", lines: [{ label: tag(1) }, { label: tag(2) }] },
    });
    expect(r.current()).toBeNull();
    expect(r.closed()?.status).toBe("completed");
  });

  it("resumes after a power cut exactly where it stopped, sending again only what was not done", async () => {
    const first = await rig();
    await first.r.start("0000012345");
    await first.r.onScan(scanEnv(tag(1)));
    await first.r.onScan(scanEnv(tag(99)));
    await first.r.decide({ label: tag(99), decision: "reject", reason: "not-ordered" });
    await settle();
    const lineId = first.sent.find((e) => e.type === "receive")!.id;
    await first.r.close();
    // The cut came mid-write: a torn last line, and the done lines after the decision are gone.
    const file = join(first.dir, "receiving.journal");
    const kept = (await readFile(file, "utf8"))
      .split("\n")
      .filter((l) => !l.startsWith('{"k":"done"'))
      .join("\n");
    await writeFile(file, `${kept}{"k":"inp`);

    const second = await rig({}, first.dir);
    const s = second.r.current()!;
    expect(s.lines[tag(1)]!.scans).toBe(1);
    expect(s.lines[tag(99)]!.decision).toMatchObject({ reason: "not-ordered", unexpected: true });
    expect(s.lastScan?.verdict).toBe("not-on-manifest");
    await settle();
    expect(second.sent.find((e) => e.type === "receive")?.id).toBe(lineId);
    expect(second.jobs.map((j) => j.template)).toEqual(["quarantine"]);
  });

  it("refuses taps from nobody and keeps scans made while signed out", async () => {
    const { r, signOut } = await rig();
    await r.start("0000012345");
    signOut();
    await r.onScan(scanEnv(tag(2)));
    expect(r.current()!.lines[tag(2)]!.scans).toBe(1);
    expect(await r.decide({ label: tag(2), decision: "reject", reason: "failed-lab" })).toEqual({
      ok: false,
      reason: "Sign in with your badge to decide",
    });
  });

  it("takes decisions only from people who may receive", async () => {
    const { r, setPerson } = await rig();
    await r.start("0000012345");
    setPerson({ employeeId: "emp-9", name: "Sam", role: "budtender" });
    expect(await r.decide({ label: tag(2), decision: "reject", reason: "failed-lab" })).toEqual({
      ok: false,
      reason: "Sam (budtender) may not decide",
    });
    expect((await r.complete()).ok).toBe(false);
  });

  it("keeps a failed label to print again, and reports the failure as a print event", async () => {
    const failing = fakePrinter(true);
    const { r, sent } = await rig({ printer: () => failing.printer });
    await r.start("0000012345");
    await r.onScan(scanEnv(tag(2)));
    await r.decide({ label: tag(2), decision: "reject", reason: "failed-lab" });
    await settle();
    const [job] = r.labelJobs();
    expect(job).toMatchObject({ template: "quarantine", state: "failed", error: "paper out" });
    expect(sent.find((e) => e.type === "print")?.payload).toMatchObject({
      ok: false,
      error: "paper out",
      label: tag(2),
    });
    expect(await r.reprint(job!.id)).toEqual({ ok: true });
    expect(failing.jobs).toHaveLength(2);
  });

  it("keeps a decision whose event the outbox could not take, and sends it on the next start", async () => {
    const broken = await rig({
      outbox: {
        append: async () => {
          throw new Error("disk full");
        },
      },
    });
    await broken.r.start("0000012345");
    await broken.r.onScan(scanEnv(tag(2)));
    const out = await broken.r.decide({ label: tag(2), decision: "reject", reason: "failed-lab" });
    expect(out).toMatchObject({ ok: false, reason: expect.stringMatching(/Saved here.*disk full/) });
    await broken.r.close();
    const again = await rig({}, broken.dir);
    expect(again.r.current()!.lines[tag(2)]!.decision?.reason).toBe("failed-lab");
    expect(again.sent.filter((e) => e.type === "receive")).toHaveLength(1);
  });

  it("shows nothing as scanned that the journal could not keep", async () => {
    const { r, dir } = await rig();
    await r.start("0000012345");
    await rm(dir, { recursive: true, force: true });
    const out = await r.onScan(scanEnv(tag(1)));
    expect(out).toMatchObject({
      ok: false,
      failed: true,
      reason: expect.stringMatching(/^Not saved: receiving not saved/),
    });
    expect(r.current()!.lines[tag(1)]!.scans).toBe(0);
    expect(r.current()!.lastScan).toBeNull();
  });

  it("does not open the manifest it just closed a second time", async () => {
    const { r } = await rig();
    await r.start("0000012345");
    await r.rejectManifest("Wrong destination");
    expect(await r.start("0000012345")).toMatchObject({ ok: false, reason: expect.stringMatching(/just rejected/) });
  });

  it("rejects the whole manifest and closes the journal", async () => {
    const { r, sent, dir } = await rig();
    await r.start("0000012345");
    expect(await r.rejectManifest("Tote seal broken")).toEqual({ ok: true });
    expect(sent.at(-1)?.payload).toMatchObject({
      action: "rejected-manifest",
      reason: "Tote seal broken",
      manifestNumber: "0000012345",
    });
    await r.close();
    expect(await readFile(join(dir, "receiving.journal"), "utf8")).toBe("");
  });
});
