import { describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { LABEL_A, smallSeed } from "#hub/testing/metrc-rig.js";
import { createMetrcSimulatorApp } from "./server.js";

function rig() {
  const clock = new FakeClock();
  const { app, control } = createMetrcSimulatorApp({ seed: smallSeed(clock.now()), clock });
  const auth = `Basic ${Buffer.from(`${control.keys.vendorKey}:${control.keys.userKey}`).toString("base64")}`;
  const lic = `licenseNumber=${control.state.license}`;
  const get = (path: string, authorization = auth) => app.request(path, { headers: { authorization } });
  return { clock, app, control, auth, lic, get };
}

describe("METRC simulator validation", () => {
  it("answers 401 with a Message for bad keys and for a license the user does not hold", async () => {
    const { get, lic } = rig();
    const bad = await get(`/packages/v2/active?${lic}`, `Basic ${Buffer.from("x:y").toString("base64")}`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ Message: expect.stringContaining("denied") });
    const wrong = await get("/packages/v2/active?licenseNumber=C10-9999999-LIC");
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { Message: string }).Message).toContain("C10-9999999-LIC");
  });

  it("refuses pageSize above 20 and lastModified windows longer than 24 hours", async () => {
    const { get, lic } = rig();
    expect((await get(`/packages/v2/active?${lic}&pageSize=21`)).status).toBe(400);
    expect((await get(`/packages/v2/active?${lic}&pageSize=20`)).status).toBe(200);
    const w = await get(
      `/packages/v2/active?${lic}&lastModifiedStart=2026-11-01T00:00:00Z&lastModifiedEnd=2026-11-02T00:00:01Z`,
    );
    expect(w.status).toBe(400);
    expect(((await w.json()) as { Message: string }).Message).toContain("24 hours");
  });

  it("pages with METRC's envelope", async () => {
    const { get, lic } = rig();
    const body = await (await get(`/packages/v2/active?${lic}&pageSize=1&pageNumber=2`)).json();
    expect(body).toMatchObject({ Total: 2, PageSize: 1, RecordsOnPage: 1, Page: 2, TotalPages: 2 });
  });

  it("answers 400 with [{row, message}] and applies nothing when any row fails", async () => {
    const { app, auth, lic, control } = rig();
    const res = await app.request(`/packages/v2/adjust?${lic}`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify([
        {
          Label: LABEL_A,
          Quantity: -1,
          UnitOfMeasure: "Each",
          AdjustmentReason: "Drying",
          AdjustmentDate: "2026-11-27",
        },
        {
          Label: LABEL_A,
          Quantity: -1,
          UnitOfMeasure: "Each",
          AdjustmentReason: "No Such Reason",
          AdjustmentDate: "2026-11-27",
        },
      ]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ row: 1, message: expect.stringContaining("No Such Reason") }]);
    expect(control.state.packages.get(LABEL_A)!.quantity).toBe(24);
  });

  it("limits GETs to 50 per second per facility with 429 and Retry-After", async () => {
    const { get, lic, control } = rig();
    const statuses = [];
    for (let i = 0; i < 55; i++) statuses.push((await get(`/locations/v2/active?${lic}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    const limited = await get(`/locations/v2/active?${lic}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(control.stats().answered429).toBe(6);
  });

  it("injects an outage until a given time on its clock, then recovers", async () => {
    const { get, lic, control, clock } = rig();
    control.setFaults({ outageUntil: clock.now() + 9 * 3_600_000 });
    expect((await get(`/locations/v2/active?${lic}`)).status).toBe(503);
    clock.advance(9 * 3_600_000);
    expect((await get(`/locations/v2/active?${lic}`)).status).toBe(200);
  });

  it("accepts and rejects a transfer's packages through the control route", async () => {
    const { app, control } = rig();
    const res = await app.request("/_sim/transfers/0000900001/receive", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        accept: ["1A4060300012B7C000800001"],
        reject: ["1A4060300012B7C000800002"],
        quantities: { "1A4060300012B7C000800001": 46 },
      }),
    });
    expect(res.status).toBe(200);
    expect(control.state.packages.get("1A4060300012B7C000800001")!.quantity).toBe(46);
    expect(control.state.packages.has("1A4060300012B7C000800002")).toBe(false);
    expect((await app.request("/_sim/transfers/0000000404/receive", { method: "POST", body: "{}" })).status).toBe(404);
  });
});
