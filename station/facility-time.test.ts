import { describe, expect, it } from "vitest";
import { quarantineLabel } from "#station/devices/index.js";
import { facilityClock, facilityDateTime, isTimeZone, zoneAbbreviation, zoneName } from "./facility-time.js";

describe("times on the kiosk", () => {
  it("are the facility's wall clock, whatever zone the station itself runs in", () => {
    expect(facilityDateTime("2026-12-01T07:17:00.000Z", "America/Los_Angeles")).toBe("2026-11-30 23:17");
    expect(facilityClock("2026-12-01T07:17:05.000Z", "America/Denver")).toBe("00:17:05");
    expect(facilityDateTime("not a time", "America/Los_Angeles")).toBe("not a time");
    expect(zoneName("America/Los_Angeles")).toBe("Pacific Time");
    expect(zoneAbbreviation("2026-07-01T12:00:00Z", "America/Los_Angeles")).toBe("PDT");
    expect(isTimeZone("America/Los_Angeles")).toBe(true);
    expect(isTimeZone("Pacific/Nowhere")).toBe(false);
  });

  it("print on a quarantine label in the facility's zone, named", () => {
    const zpl = quarantineLabel({
      uid: "1A4060300003B01000012345",
      productName: "Blue Dream",
      reason: "Tag not on manifest",
      at: "2026-11-27T18:12:30Z",
      employeeName: "Dana R.",
      timeZone: "America/Los_Angeles",
    }).toString();
    expect(zpl).toContain("Held 11/27/2026 10:12 PST by Dana R.");
  });
});
