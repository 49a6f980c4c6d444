import { describe, expect, it } from "vitest";
import type { Employee } from "#contract/domain.js";
import { eventSchemas } from "#contract/messages.js";
import { manualClock } from "#station/clock.js";
import { SignIn } from "#station/kiosk/sign-in.js";
import { memorySessionStore } from "#station/store/session-store.js";
import { quietLog } from "#station/testing/helpers.js";
import { LiveFeed } from "./live-feed.js";
import { ScanRecorder, type ScanEnvelope } from "./recorder.js";

const dana: Employee = {
  id: "emp-001",
  name: "Dana Reyes",
  role: "coordinator",
  badge: "EMP-0001",
  pinHash: "scrypt$x$1234",
  active: true,
};
const TAG = "1A4060300002199000003445";

function setup(opts: { failWrites?: boolean; doorSession?: string; receiving?: string } = {}) {
  const clock = manualClock();
  const feed = new LiveFeed();
  const written: ScanEnvelope[] = [];
  /** What the feed held at the moment each append resolved: shows the order of write and show. */
  const feedAtWrite: number[] = [];
  const outbox = {
    append: async (env: ScanEnvelope) => {
      if (opts.failWrites) throw new Error("EIO: disk gone");
      feedAtWrite.push(feed.scans().length);
      written.push(env);
    },
  };
  const signIn = new SignIn({
    store: memorySessionStore(),
    employees: { employeeByBadge: (b) => (b === dana.badge ? dana : undefined) },
    clock,
    idleMs: 60_000,
    verify: (pin) => pin === "1234",
  });
  const replica = {
    lookup: (label: string) =>
      label === TAG
        ? { label, itemName: "Blue Dream 3.5g", location: "Vault A-1", status: "active" as const }
        : undefined,
  };
  const recorder = new ScanRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock,
    outbox,
    signIn,
    replica,
    feed,
    log: quietLog,
    doorSessionId: () => opts.doorSession,
    workflow: () => (opts.receiving ? { workflow: "receive", sessionId: opts.receiving } : undefined),
  });
  return { recorder, feed, written, feedAtWrite, signIn, clock };
}

describe("ScanRecorder", () => {
  it("takes a Bad scan banner down with the next readable scan, but no other banner", async () => {
    const { recorder, feed } = setup();
    await recorder.record("1A40603000021990000034", "scanner-1");
    expect(feed.banner()).toMatchObject({
      level: "error",
      text: "Bad scan: not a valid tag: a METRC tag has 24 characters, this has 22",
    });
    await recorder.record(TAG, "scanner-1");
    expect(feed.banner()).toBeNull();
    feed.showBanner({ level: "error", text: "Vault door open for 5 min: close it", sound: true });
    await recorder.record(TAG, "scanner-1");
    expect(feed.banner()?.text).toMatch(/Vault door/);
  });

  it("names a scanned package in the feed once the catalog knows it", async () => {
    const known = new Map<string, { label: string; itemName: string; location: string; status: "active" }>();
    const feed = new LiveFeed((label) => known.get(label));
    feed.pushScan({
      id: "s-1",
      at: "2026-11-27T18:00:00.000Z",
      code: TAG,
      scannerId: "scanner-1",
      classification: { kind: "metrc-tag", tag: TAG, form: "strict" },
      recorded: true,
      workflow: "receive",
    });
    expect(feed.scans()[0]!.pkg).toBeUndefined();
    let redrawn = 0;
    feed.events.on("rows", () => redrawn++);
    known.set(TAG, { label: TAG, itemName: "Blue Dream 3.5g", location: "Vault B-5", status: "active" });
    feed.catalogChanged();
    expect(redrawn).toBe(1);
    expect(feed.scans()[0]!.pkg).toMatchObject({ itemName: "Blue Dream 3.5g", location: "Vault B-5" });
  });

  it("writes a contract-valid scan to the outbox before the kiosk shows it", async () => {
    const { recorder, feed, written, feedAtWrite } = setup();
    const env = await recorder.record(TAG, "scanner-1");
    expect(eventSchemas.scan.safeParse(env).success).toBe(true);
    expect(written).toEqual([env]);
    expect(feedAtWrite).toEqual([0]);
    expect(feed.scans()[0]).toMatchObject({
      id: env.id,
      recorded: true,
      pkg: { itemName: "Blue Dream 3.5g", location: "Vault A-1" },
    });
  });

  it("records a scan made while nobody is signed in, without an employee", async () => {
    const { recorder } = setup();
    const env = await recorder.record(TAG, "scanner-1");
    expect(env.employeeId).toBeUndefined();
  });

  it("stamps the signed-in employee and keeps the session alive", async () => {
    const { recorder, signIn, clock } = setup();
    signIn.badgeScanned("EMP-0001");
    for (const k of ["1", "2", "3", "4", "ok"] as const) await signIn.press(k);
    clock.advance(59_000);
    const env = await recorder.record(TAG, "scanner-1");
    expect(env.employeeId).toBe("emp-001");
    clock.advance(59_000);
    expect(await signIn.checkIdle()).toBe(false);
  });

  it("opens the PIN pad on a badge scan, marked as a sign-in scan", async () => {
    const { recorder, signIn } = setup();
    const env = await recorder.record("EMP-0001", "scanner-1");
    expect(env.payload.workflow).toBe("sign-in");
    expect(signIn.view().prompt?.name).toBe("Dana Reyes");
  });

  it("signs out on the CMD:SIGN-OUT barcode", async () => {
    const { recorder, signIn } = setup();
    signIn.badgeScanned("EMP-0001");
    for (const k of ["1", "2", "3", "4", "ok"] as const) await signIn.press(k);
    const env = await recorder.record("CMD:SIGN-OUT", "scanner-1");
    expect(env.payload.classification).toEqual({ kind: "command", command: "SIGN-OUT" });
    expect(signIn.employeeId()).toBeUndefined();
  });

  it("records an invalid code and raises a red banner with the error sound", async () => {
    const { recorder, feed, written } = setup();
    await recorder.record("hello?", "scanner-1");
    expect(written[0]?.payload.classification.kind).toBe("invalid");
    expect(feed.banner()).toEqual({ level: "error", text: "Bad scan: not a code Vaultline knows", sound: true });
  });

  it("cuts a code longer than the contract allows and marks it invalid", async () => {
    const { recorder } = setup();
    const env = await recorder.record("X".repeat(600), "scanner-1");
    expect(env.payload.code).toHaveLength(512);
    expect(env.payload.classification).toEqual({ kind: "invalid", reason: "code longer than 512 characters" });
  });

  it("refuses an empty read with a banner and writes nothing", async () => {
    const { recorder, feed, written } = setup();
    await expect(recorder.record("\r\n", "scanner-1")).rejects.toMatchObject({ code: "SCAN_REJECTED" });
    expect(written).toEqual([]);
    expect(feed.banner()?.text).toContain("NOT recorded");
  });

  it("never shows a scan as recorded when the outbox write fails", async () => {
    const { recorder, feed } = setup({ failWrites: true });
    await expect(recorder.record(TAG, "scanner-1")).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(feed.scans()).toEqual([]);
    expect(feed.banner()).toMatchObject({ level: "error", sound: true });
  });

  it("ties a scan to the open vault-door session", async () => {
    const { recorder } = setup({ doorSession: "01a21f73-5001-7727-a15b-000000000001" });
    const env = await recorder.record(TAG, "scanner-1");
    expect(env.payload.doorSessionId).toBe("01a21f73-5001-7727-a15b-000000000001");
  });

  it("ties a scan to the open receiving session, without the not-in-catalog notice", async () => {
    const incoming = "1A4060300012B7C000900001";
    const { recorder, feed } = setup({ receiving: "rx-42" });
    const env = await recorder.record(incoming, "scanner-1");
    expect(env.payload).toMatchObject({ workflow: "receive", sessionId: "rx-42" });
    expect(feed.banner()).toBeNull();
    const idle = setup();
    await idle.recorder.record(incoming, "scanner-1");
    expect(idle.feed.banner()).toMatchObject({
      level: "info",
      text: expect.stringContaining("not in this vault's catalog"),
    });
  });

  it("lets a caller wait for the scan it triggered", async () => {
    const { recorder } = setup();
    const waiting = recorder.waitFor(TAG, "scanner-2");
    await recorder.record(TAG, "scanner-1");
    const env = await recorder.record(TAG, "scanner-2");
    await expect(waiting).resolves.toEqual(env);
  });

  it("keeps only the newest 20 scans on the feed, newest first", async () => {
    const { recorder, feed } = setup();
    for (let i = 0; i < 25; i++) await recorder.record(`CMD:NEXT`, `scanner-${i}`);
    expect(feed.scans()).toHaveLength(20);
    expect(feed.scans()[0]?.scannerId).toBe("scanner-24");
  });
});
