import { describe, expect, it } from "vitest";
import { DoorPayload } from "#contract/messages.js";
import { doorPayload, DoorSessions } from "./door-session.js";

const T0 = Date.UTC(2026, 10, 27, 18, 0, 0);
function rig(limitMs = 120_000) {
  let n = 0;
  return new DoorSessions({ doorId: "vault-door", heldOpenLimitMs: limitMs, newId: () => `ds-${++n}` });
}

describe("DoorSessions", () => {
  it("opens a session with whoever is signed in and closes it with its length", () => {
    const s = rig();
    s.signedIn("emp-001");
    expect(s.door(true, T0)).toEqual([
      { type: "opened", doorId: "vault-door", doorSessionId: "ds-1", at: T0, employeeId: "emp-001" },
    ]);
    expect(s.door(false, T0 + 45_000)).toEqual([
      {
        type: "closed",
        doorId: "vault-door",
        doorSessionId: "ds-1",
        at: T0 + 45_000,
        openForMs: 45_000,
        employeeIds: ["emp-001"],
        heldOpenAlarm: false,
      },
    ]);
    expect(s.current()).toBeUndefined();
  });

  it("records everyone who signs in while the door is open, once each", () => {
    const s = rig();
    s.door(true, T0);
    s.signedIn("emp-001");
    s.signedIn(null);
    s.signedIn("emp-002");
    s.signedIn("emp-001");
    const [closed] = s.door(false, T0 + 1000);
    expect(closed).toMatchObject({ employeeIds: ["emp-001", "emp-002"] });
  });

  it("ignores repeated states, so the boot-time read can be fed like an edge", () => {
    const s = rig();
    expect(s.door(false, T0)).toEqual([]);
    expect(s.door(true, T0)).toHaveLength(1);
    expect(s.door(true, T0 + 10)).toEqual([]);
  });

  it("raises the held-open alarm once after the limit, and marks the close", () => {
    const s = rig(60_000);
    s.door(true, T0);
    expect(s.nextDeadline()).toBe(T0 + 60_000);
    expect(s.tick(T0 + 59_999)).toEqual([]);
    expect(s.tick(T0 + 60_000)).toEqual([
      {
        type: "held-open",
        doorId: "vault-door",
        doorSessionId: "ds-1",
        at: T0 + 60_000,
        openForMs: 60_000,
        employeeId: null,
      },
    ]);
    expect(s.tick(T0 + 90_000)).toEqual([]);
    expect(s.nextDeadline()).toBeUndefined();
    expect(s.door(false, T0 + 95_000)[0]).toMatchObject({ heldOpenAlarm: true, openForMs: 95_000 });
  });

  it("starts each session with a new id and a fresh alarm", () => {
    const s = rig(1000);
    s.door(true, T0);
    s.tick(T0 + 1000);
    s.door(false, T0 + 2000);
    expect(s.door(true, T0 + 3000)[0]).toMatchObject({ doorSessionId: "ds-2" });
    expect(s.nextDeadline()).toBe(T0 + 4000);
  });

  it("maps every event to a valid contract door payload", () => {
    const s = rig(1000);
    const events = [...s.door(true, T0), ...s.tick(T0 + 1000), ...s.door(false, T0 + 2000)];
    const payloads = events.map(doorPayload);
    for (const p of payloads) expect(DoorPayload.safeParse(p).success).toBe(true);
    expect(payloads.map((p) => [p.open, p.heldOpenAlarm ?? false])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
  });
});
