import { describe, expect, it } from "vitest";
import type { Employee } from "#contract/domain.js";
import { hashPin } from "#contract/pin.js";
import { manualClock } from "#station/clock.js";
import { memorySessionStore } from "#station/store/session-store.js";
import { SignIn, type PadKey } from "./sign-in.js";

const dana: Employee = {
  id: "emp-001",
  name: "Dana Reyes",
  role: "coordinator",
  badge: "EMP-0001",
  pinHash: "scrypt$fake$1234",
  active: true,
};
const employees = { employeeByBadge: (b: string) => (b === dana.badge ? dana : undefined) };
/** Stands in for scrypt: the "hash" ends with the PIN. */
const fakeVerify = (pin: string, hash: string) => hash === `scrypt$fake$${pin}`;

function setup(idleMs = 10 * 60_000) {
  const clock = manualClock();
  const store = memorySessionStore();
  const signIn = new SignIn({ store, employees, clock, idleMs, verify: fakeVerify });
  return { clock, store, signIn };
}

async function typePin(s: SignIn, pin: string) {
  for (const d of pin) await s.press(d as PadKey);
  return s.press("ok");
}

describe("SignIn", () => {
  it("opens the PIN pad on a badge and signs in with the right PIN", async () => {
    const { signIn, store } = setup();
    expect(signIn.badgeScanned("EMP-0001")).toBeNull();
    expect(signIn.view().prompt).toEqual({ name: "Dana Reyes", digits: 0 });
    await signIn.press("1");
    await signIn.press("2");
    expect(signIn.view().prompt?.digits).toBe(2);
    const notice = await typePin(signIn, "34");
    expect(notice).toEqual({ level: "info", text: "Signed in: Dana Reyes" });
    expect(signIn.view()).toEqual({ signedIn: { employeeId: "emp-001", name: "Dana Reyes" }, prompt: null });
    expect(signIn.employeeId()).toBe("emp-001");
    expect(store.read().signedIn?.employeeId).toBe("emp-001");
  });

  it("works with a real scrypt hash from the contract", async () => {
    const clock = manualClock();
    const real = { ...dana, pinHash: hashPin("4321") };
    const signIn = new SignIn({
      store: memorySessionStore(),
      employees: { employeeByBadge: () => real },
      clock,
      idleMs: 60_000,
    });
    signIn.badgeScanned("EMP-0001");
    expect((await typePin(signIn, "1111"))?.level).toBe("error");
    expect((await typePin(signIn, "4321"))?.level).toBe("info");
  });

  it("says when a badge is unknown", () => {
    const { signIn } = setup();
    expect(signIn.badgeScanned("EMP-9999")).toEqual({
      level: "error",
      text: "Badge EMP-9999 is not known at this vault",
    });
    expect(signIn.view().prompt).toBeNull();
  });

  it("counts down wrong PINs and locks the badge for 5 minutes after the fifth", async () => {
    const { signIn, clock } = setup();
    signIn.badgeScanned("EMP-0001");
    expect(await typePin(signIn, "0000")).toEqual({ level: "error", text: "Wrong PIN (4 tries left)" });
    for (let i = 0; i < 3; i++) await typePin(signIn, "0000");
    expect((await typePin(signIn, "0000"))?.text).toContain("badge locked for 5 min");
    expect(signIn.view().prompt).toBeNull();
    expect(signIn.badgeScanned("EMP-0001")?.text).toContain("try again in 5 min");
    clock.advance(4 * 60_000 + 59_000);
    expect(signIn.badgeScanned("EMP-0001")?.level).toBe("error");
    clock.advance(1000);
    expect(signIn.badgeScanned("EMP-0001")).toBeNull();
    expect((await typePin(signIn, "1234"))?.level).toBe("info");
  });

  it("keeps a lock across a restart of the station", async () => {
    const { signIn, store, clock } = setup();
    signIn.badgeScanned("EMP-0001");
    for (let i = 0; i < 5; i++) await typePin(signIn, "9999");
    const restarted = new SignIn({ store, employees, clock, idleMs: 60_000, verify: fakeVerify });
    expect(restarted.badgeScanned("EMP-0001")?.level).toBe("error");
  });

  it("a right PIN clears earlier failures", async () => {
    const { signIn } = setup();
    signIn.badgeScanned("EMP-0001");
    for (let i = 0; i < 4; i++) await typePin(signIn, "0000");
    await typePin(signIn, "1234");
    await signIn.signOut("test");
    signIn.badgeScanned("EMP-0001");
    expect(await typePin(signIn, "0000")).toEqual({ level: "error", text: "Wrong PIN (4 tries left)" });
  });

  it("signs out after the idle time, unless a touch came in between", async () => {
    const { signIn, clock } = setup(10 * 60_000);
    signIn.badgeScanned("EMP-0001");
    await typePin(signIn, "1234");
    clock.advance(9 * 60_000);
    signIn.touch();
    clock.advance(9 * 60_000);
    expect(await signIn.checkIdle()).toBe(false);
    expect(signIn.employeeId()).toBe("emp-001");
    clock.advance(60_000);
    expect(await signIn.checkIdle()).toBe(true);
    expect(signIn.employeeId()).toBeUndefined();
  });

  it("closes a PIN pad left alone for a minute", async () => {
    const { signIn, clock } = setup();
    signIn.badgeScanned("EMP-0001");
    clock.advance(50_000);
    await signIn.press("1");
    clock.advance(50_000);
    await signIn.checkIdle();
    expect(signIn.view().prompt?.digits).toBe(1);
    clock.advance(10_000);
    await signIn.checkIdle();
    expect(signIn.view().prompt).toBeNull();
  });

  it("edits the typed PIN with back, clear and cancel, and caps its length", async () => {
    const { signIn } = setup();
    signIn.badgeScanned("EMP-0001");
    for (const k of "123456789012") await signIn.press(k as PadKey);
    expect(signIn.view().prompt?.digits).toBe(8);
    await signIn.press("back");
    expect(signIn.view().prompt?.digits).toBe(7);
    await signIn.press("clear");
    expect(signIn.view().prompt?.digits).toBe(0);
    expect(await signIn.press("ok")).toEqual({ level: "error", text: "Type your PIN, then OK" });
    await signIn.press("cancel");
    expect(signIn.view().prompt).toBeNull();
    expect(await signIn.press("5")).toEqual({ level: "error", text: "Scan your badge first" });
  });

  it("signs out someone the hub no longer lists as active", async () => {
    const { signIn } = setup();
    signIn.badgeScanned("EMP-0001");
    await typePin(signIn, "1234");
    expect(await signIn.employeesChanged(() => true)).toBeNull();
    expect(signIn.employeeId()).toBe("emp-001");
    expect(await signIn.employeesChanged(() => false)).toEqual({
      level: "info",
      text: "Dana Reyes signed out (no longer active)",
    });
    expect(signIn.employeeId()).toBeUndefined();
  });

  it("emits a change with the notice for the banner", async () => {
    const { signIn } = setup();
    const seen: unknown[] = [];
    signIn.events.on("changed", (n) => seen.push(n));
    signIn.badgeScanned("EMP-0001");
    await typePin(signIn, "1234");
    await signIn.signOut("sign-out barcode");
    expect(seen.at(-1)).toEqual({ level: "info", text: "Dana Reyes signed out (sign-out barcode)" });
    expect(seen).toContainEqual({ level: "info", text: "Signed in: Dana Reyes" });
  });
});
