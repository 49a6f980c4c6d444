import { describe, expect, it } from "vitest";
import { zoneName } from "#contract/facility-time.js";
import { facilityTime, TimeZoneNote } from "./facility-time.js";

describe("times on the dashboard", () => {
  it("shows instants in the facility's zone and METRC's offset-less local times as they are, with no zone word", () => {
    expect(facilityTime("2026-11-28T00:58:27.700Z", "America/Los_Angeles")).toBe("2026-11-27 16:58");
    expect(facilityTime("2026-11-27T17:30:00-08:00", "America/New_York")).toBe("2026-11-27 20:30");
    expect(facilityTime("2026-11-27T17:58:24.138", "America/Los_Angeles")).toBe("2026-11-27 17:58");
    expect(facilityTime("soon", "America/Los_Angeles")).toBe("soon");
    expect(facilityTime(null, "America/Los_Angeles")).toBe("—");
  });

  it("labels the page once with the zone's name", () => {
    expect(zoneName("America/Los_Angeles")).toBe("Pacific Time");
    expect((<TimeZoneNote zone="America/Los_Angeles" />).toString()).toBe(
      '<p class="muted tz-note" data-time-zone="America/Los_Angeles">Times are Pacific Time (America/Los_Angeles).</p>',
    );
  });
});
