import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { writeRequest } from "../metrc/writes.js";
import type { StateWrite } from "../port.js";
import { createMetrcSimulatorApp } from "./server.js";
import type { SimSeed } from "./model.js";

type Row = Record<string, unknown>;
const example = (name: string): Row[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/requests/${name}.json`, import.meta.url), "utf8")) as Row[];

/** A facility holding the packages METRC's documentation examples name. */
function docSeed(quantity: number): SimSeed {
  const pkg = (label: string) => ({
    label,
    itemName: "Buds",
    quantity,
    unit: "Ounces",
    location: "Storage Closet",
    packagedDate: "2015-12-01",
  });
  return {
    license: "123-ABC",
    facilityName: "Documentation Facility",
    timeZone: "America/Denver",
    items: [{ name: "Buds", category: "Buds", quantityType: "WeightBased", unit: "Ounces" }],
    locations: ["Back Location", "Storage Closet"],
    packages: [
      "ABCDEF012345670000010041",
      "ABCDEF012345670000010042",
      "ABCDEF012345670000010331",
      "ABCDEF012345670000010332",
    ].map(pkg),
  };
}

async function send(quantity: number, method: string, path: string, body: unknown) {
  const clock = new FakeClock();
  const { app, control } = createMetrcSimulatorApp({ seed: docSeed(quantity), clock });
  const auth = `Basic ${Buffer.from(`${control.keys.vendorKey}:${control.keys.userKey}`).toString("base64")}`;
  const res = await app.request(`${path}?licenseNumber=123-ABC`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), state: control.state };
}

describe("the simulator accepts METRC's own example requests", () => {
  it.each([
    ["CreateAdjustPackages", "POST", "/packages/v2/adjust", 10],
    ["UpdatePackagesLocation", "PUT", "/packages/v2/location", 10],
    ["UpdateNote", "PUT", "/packages/v2/note", 10],
    ["FinishPackages", "PUT", "/packages/v2/finish", 0],
    ["CreateReceipts", "POST", "/sales/v2/receipts", 10],
  ] as const)("%s", async (name, method, path, quantity) => {
    const res = await send(quantity, method, path, example(name));
    expect(res.status, res.text).toBe(200);
  });

  it("UnfinishPackages, after finishing them", async () => {
    const clock = new FakeClock();
    const { app, control } = createMetrcSimulatorApp({ seed: docSeed(0), clock });
    const headers = {
      authorization: `Basic ${Buffer.from(`${control.keys.vendorKey}:${control.keys.userKey}`).toString("base64")}`,
      "content-type": "application/json",
    };
    expect(
      (
        await app.request("/packages/v2/finish?licenseNumber=123-ABC", {
          method: "PUT",
          headers,
          body: JSON.stringify(example("FinishPackages")),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.request("/packages/v2/unfinish?licenseNumber=123-ABC", {
          method: "PUT",
          headers,
          body: JSON.stringify(example("UnfinishPackages")),
        })
      ).status,
    ).toBe(200);
    expect(control.state.packages.get("ABCDEF012345670000010041")!.finishedDate).toBeNull();
  });

  it("applies the documented adjustment: -2 oz and +1 oz", async () => {
    const res = await send(10, "POST", "/packages/v2/adjust", example("CreateAdjustPackages"));
    expect(res.state.packages.get("ABCDEF012345670000010041")!.quantity).toBe(8);
    expect(res.state.packages.get("ABCDEF012345670000010042")!.quantity).toBe(11);
  });
});

describe("the client's write bodies use METRC's field names", () => {
  const label = "ABCDEF012345670000010041";
  const cases: Array<[string, StateWrite]> = [
    [
      "CreateAdjustPackages",
      { kind: "adjustment", label, quantity: -2, unit: "Ounces", reason: "Drying", date: "2015-12-15" },
    ],
    ["UpdatePackagesLocation", { kind: "location-move", label, location: "Back Location", date: "2018-03-15" }],
    ["UpdateNote", { kind: "note", label, note: "Package note here." }],
    ["FinishPackages", { kind: "finish", label, date: "2015-12-15" }],
    ["UnfinishPackages", { kind: "unfinish", label }],
    [
      "CreateReceipts",
      {
        kind: "receipt",
        externalNumber: "ABC-1234",
        soldAt: "2016-10-04T22:44:53Z",
        customerType: "Consumer",
        lines: [{ label, quantity: 1, unit: "Ounces", totalAmount: 9.99 }],
      },
    ],
  ];
  it.each(cases)("%s", (name, write) => {
    const ours = (
      writeRequest(write as Exclude<StateWrite, { kind: "receipt-void" }>, "America/Denver").body as Row[]
    )[0]!;
    const theirs = example(name)[0]!;
    expect(Object.keys(ours).filter((k) => !(k in theirs))).toEqual([]);
    if (name === "CreateReceipts") {
      const tx = (ours.Transactions as Row[])[0]!;
      expect(Object.keys(tx).filter((k) => !(k in (theirs.Transactions as Row[])[0]!))).toEqual([]);
      // 22:44:53 UTC is 16:44:53 in Denver (MDT), METRC's own example time.
      expect(ours.SalesDateTime).toBe(theirs.SalesDateTime);
    }
  });
});
