import { describe, expect, it } from "vitest";
import {
  dayBounds,
  facilityClock,
  facilityDateTime,
  isTimeZone,
  localDate,
  localDateTime,
  localToInstant,
  zoneAbbreviation,
  zoneName,
} from "./facility-time.js";

describe("times a person reads", () => {
  it("are the facility's wall clock, whatever zone the machine itself runs in", () => {
    expect(facilityDateTime("2026-12-01T07:17:00.000Z", "America/Los_Angeles")).toBe("2026-11-30 23:17");
    expect(facilityClock("2026-12-01T07:17:05.000Z", "America/Denver")).toBe("00:17:05");
    expect(facilityDateTime("not a time", "America/Los_Angeles")).toBe("not a time");
    expect(zoneName("America/Los_Angeles")).toBe("Pacific Time");
    expect(zoneAbbreviation("2026-07-01T12:00:00Z", "America/Los_Angeles")).toBe("PDT");
    expect(isTimeZone("America/Los_Angeles")).toBe(true);
    expect(isTimeZone("Pacific/Nowhere")).toBe(false);
  });
});

describe("facility local time", () => {
  it("writes SalesDateTime without an offset, in standard and daylight time", () => {
    expect(localDateTime(new Date("2026-11-27T20:15:30.250Z"), "America/Los_Angeles")).toBe("2026-11-27T12:15:30.250");
    expect(localDateTime(new Date("2026-07-01T19:00:00Z"), "America/Los_Angeles")).toBe("2026-07-01T12:00:00.000");
    expect(localDate(new Date("2026-11-28T03:00:00Z"), "America/Denver")).toBe("2026-11-27");
  });

  it("reads a wall-clock time in the repeated hour as the first (daylight) one", () => {
    expect(localToInstant("2026-11-01T01:30:00", "America/Los_Angeles")).toBe("2026-11-01T08:30:00.000Z");
    expect(localToInstant("2026-11-27T09:30:00.000", "America/Los_Angeles")).toBe("2026-11-27T17:30:00.000Z");
    expect(localToInstant("not a time", "America/Los_Angeles")).toBeUndefined();
  });
});

describe("facility days", () => {
  it("is the facility's calendar date, not UTC's", () => {
    // 23:30 on New Year's Eve in Oakland is already 1 January in UTC.
    expect(localDate(new Date("2028-01-01T07:30:00Z"), "America/Los_Angeles")).toBe("2027-12-31");
    expect(localDate(new Date("2028-01-01T07:30:00Z"), "Europe/Berlin")).toBe("2028-01-01");
  });

  it("the day daylight-saving time ends has 25 hours, the day it starts 23", () => {
    const fall = dayBounds("2026-11-01", "America/Los_Angeles");
    expect(fall).toEqual({ from: "2026-11-01T07:00:00.000Z", to: "2026-11-02T08:00:00.000Z" });
    const spring = dayBounds("2026-03-08", "America/Los_Angeles");
    expect(Date.parse(spring.to) - Date.parse(spring.from)).toBe(23 * 3_600_000);
  });

  it("starts at 01:00 where daylight time starts at midnight", () => {
    // Havana springs forward at 00:00 on 2026-03-08: the day's first instant is 01:00 CDT (05:00 UTC).
    expect(dayBounds("2026-03-08", "America/Havana").from).toBe("2026-03-08T05:00:00.000Z");
  });
});
