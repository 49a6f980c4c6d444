import { describe, expect, it } from "vitest";
import { eventSchemas } from "#contract/messages.js";
import { manualClock } from "#station/clock.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import { quietLog } from "#station/testing/helpers.js";
import { DoorRecorder, type DoorEnvelope } from "./door-recorder.js";

function setup(opts: { initiallyOpen?: boolean; employee?: string } = {}) {
  const clock = manualClock();
  const feed = new LiveFeed();
  const written: DoorEnvelope[] = [];
  const who = { id: opts.employee };
  const doors = new DoorRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock,
    feed,
    log: quietLog,
    doors: [{ id: "door-1", heldOpenAlarmMs: 120_000, isOpen: () => opts.initiallyOpen }],
    outbox: {
      append: async (env) => {
        written.push(env);
      },
    },
    employeeId: () => who.id,
    employeeName: () => (who.id ? "Dana Reyes" : undefined),
  });
  const at = () => new Date(clock.now());
  return { clock, feed, written, doors, who, at };
}

describe("DoorRecorder", () => {
  it("records opening and closing as contract-valid door events of one session", async () => {
    const { doors, written, at, clock } = setup({ employee: "emp-001" });
    await doors.onDoor({ doorId: "door-1", open: true, at: at() });
    const session = doors.openSessionId();
    expect(session).toBeDefined();
    clock.advance(30_000);
    await doors.onDoor({ doorId: "door-1", open: false, at: at() });
    expect(doors.openSessionId()).toBeUndefined();
    expect(written.map((e) => e.payload)).toEqual([
      { doorId: "door-1", open: true, doorSessionId: session },
      { doorId: "door-1", open: false, doorSessionId: session },
    ]);
    expect(written.every((e) => eventSchemas.door.safeParse(e).success)).toBe(true);
    expect(written[0]?.employeeId).toBe("emp-001");
  });

  it("raises the held-open alarm once, with a banner, and marks the closing", async () => {
    const { doors, written, at, clock, feed } = setup();
    await doors.onDoor({ doorId: "door-1", open: true, at: at() });
    clock.advance(119_000);
    await doors.tick();
    expect(written).toHaveLength(1);
    clock.advance(1_000);
    await doors.tick();
    await doors.tick();
    expect(written.map((e) => e.payload.heldOpenAlarm)).toEqual([undefined, true]);
    expect(feed.banner()).toEqual({
      level: "error",
      text: "Vault door open for 2 min: close it (nobody signed in)",
      sound: true,
    });
    await doors.onDoor({ doorId: "door-1", open: false, at: at() });
    expect(written[2]?.payload).toMatchObject({ open: false, heldOpenAlarm: true });
  });

  it("says who is signed in on the held-open alarm", async () => {
    const { doors, at, clock, feed } = setup({ employee: "emp-001" });
    await doors.onDoor({ doorId: "door-1", open: true, at: at() });
    clock.advance(120_000);
    await doors.tick();
    expect(feed.banner()?.text).toBe("Vault door open for 2 min: close it (Dana Reyes signed in)");
  });

  it("starts a session for a door found open at start-up", async () => {
    const { doors, written } = setup({ initiallyOpen: true });
    await doors.start();
    expect(written).toHaveLength(1);
    expect(written[0]?.payload.open).toBe(true);
    expect(doors.openSessionId()).toBe(written[0]?.payload.doorSessionId);
  });

  it("records nothing for a repeated state or an unknown door", async () => {
    const { doors, written, at } = setup({ initiallyOpen: false });
    await doors.start();
    await doors.onDoor({ doorId: "door-1", open: false, at: at() });
    await doors.onDoor({ doorId: "door-9", open: true, at: at() });
    expect(written).toEqual([]);
  });

  it("raises an alert when the door opens with nobody signed in, and none when someone is", async () => {
    const attended = setup({ employee: "emp-001" });
    await attended.doors.onDoor({ doorId: "door-1", open: true, at: attended.at() });
    expect(attended.feed.banner()).toBeNull();
    const { doors, feed, at } = setup();
    await doors.onDoor({ doorId: "door-1", open: true, at: at() });
    expect(feed.banner()).toEqual({
      level: "error",
      text: "Vault door opened with nobody signed in: sign in with your badge now",
      sound: true,
    });
    feed.clearBanner("scan");
    expect(feed.banner()).not.toBeNull();
    feed.clearBanner("door");
    expect(feed.banner()).toBeNull();
  });
});
