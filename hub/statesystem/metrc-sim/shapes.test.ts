import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { INCOMING_1, LABEL_A, LABEL_B, smallSeed } from "#hub/testing/metrc-rig.js";
import { createMetrcSimulatorApp } from "./server.js";

/** Differences in keys or value types between METRC's example and the simulator's answer. */
function shapeDiff(example: unknown, actual: unknown, path = "$"): string[] {
  if (example === null || actual === null) return [];
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: METRC sends an array, the simulator ${typeof actual}`];
    return example.length > 0 && actual.length > 0 ? shapeDiff(example[0], actual[0], `${path}[0]`) : [];
  }
  if (typeof example === "object") {
    if (typeof actual !== "object" || Array.isArray(actual)) return [`${path}: METRC sends an object`];
    const e = example as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: missing`);
    const extra = Object.keys(a)
      .filter((k) => !(k in e))
      .map((k) => `${path}.${k}: not in METRC's answer`);
    return [
      ...missing,
      ...extra,
      ...Object.keys(e)
        .filter((k) => k in a)
        .flatMap((k) => shapeDiff(e[k], a[k], `${path}.${k}`)),
    ];
  }
  return typeof example === typeof actual
    ? []
    : [`${path}: METRC sends ${typeof example}, the simulator ${typeof actual}`];
}

const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));

describe("shape comparison", () => {
  it("notices a missing key, an extra key and a wrong type", () => {
    expect(shapeDiff({ Id: 1, Label: "x", Item: { Name: "a" } }, { Id: "1", Item: { Name: "a", Extra: 1 } })).toEqual([
      "$.Label: missing",
      "$.Id: METRC sends number, the simulator string",
      "$.Item.Extra: not in METRC's answer",
    ]);
  });
});

describe("simulator answers have the keys and types of METRC's example responses", async () => {
  const clock = new FakeClock();
  const { app, control } = createMetrcSimulatorApp({ seed: smallSeed(clock.now()), clock });
  const auth = {
    authorization: `Basic ${Buffer.from(`${control.keys.vendorKey}:${control.keys.userKey}`).toString("base64")}`,
  };
  const lic = `licenseNumber=${control.state.license}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { ...auth, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return res.json();
  };

  control.receiveTransfer("0000900001", { accept: [INCOMING_1] });
  const receipt = {
    SalesDateTime: "2026-11-27T12:00:00.000",
    ExternalReceiptNumber: "R-1",
    SalesCustomerType: "Consumer",
    Transactions: [{ PackageLabel: LABEL_A, Quantity: 1, UnitOfMeasure: "Each", TotalAmount: 35 }],
  };
  const pkgB = (await call("GET", `/packages/v2/${LABEL_B}?${lic}`)) as { Id: number };
  control.state.addPackage({
    label: "1A4060300012B7C000009999",
    itemName: "OG Kush Bulk",
    quantity: 0,
    unit: "Grams",
    location: "Vault A-1",
    packagedDate: "2026-10-01",
    finishedDate: "2026-11-20",
  });
  const firstSale = (await call("POST", `/sales/v2/receipts?${lic}`, [
    { ...receipt, ExternalReceiptNumber: "R-0" },
  ])) as { Ids: number[] };
  const transfer = (
    (await call("GET", `/transfers/v2/incoming?${lic}`)) as { Data: Array<{ Id: number; DeliveryId: number }> }
  ).Data[0]!;

  const cases: Array<[string, string, string, unknown?]> = [
    ["GetActivePackages", "GET", `/packages/v2/active?${lic}`],
    ["GetOnHoldPackages", "GET", `/packages/v2/onhold?${lic}`],
    ["GetPackagesByLabel", "GET", `/packages/v2/${LABEL_A}?${lic}`],
    ["GetAdjustReasons", "GET", `/packages/v2/adjust/reasons?${lic}`],
    [
      "CreateAdjustPackages",
      "POST",
      `/packages/v2/adjust?${lic}`,
      [
        {
          Label: LABEL_B,
          Quantity: -1,
          UnitOfMeasure: "Grams",
          AdjustmentReason: "Drying",
          AdjustmentDate: "2026-11-27",
        },
      ],
    ],
    ["GetAdjustments", "GET", `/packages/v2/adjustments?${lic}`],
    ["GetActiveItems", "GET", `/items/v2/active?${lic}`],
    ["GetActiveLocations", "GET", `/locations/v2/active?${lic}`],
    ["GetIncomingTransfers", "GET", `/transfers/v2/incoming?${lic}`],
    ["GetTransfersDeliveryById", "GET", `/transfers/v2/${transfer.Id}/deliveries`],
    ["GetDeliveryPackageById", "GET", `/transfers/v2/deliveries/${transfer.DeliveryId}/packages`],
    ["GetResults", "GET", `/labtests/v2/results?packageId=${pkgB.Id}&${lic}`],
    ["CreateReceipts", "POST", `/sales/v2/receipts?${lic}`, [receipt]],
    ["GetActiveReceipts", "GET", `/sales/v2/receipts/active?${lic}`],
    ["GetReceiptById", "GET", `/sales/v2/receipts/${firstSale.Ids[0]}?${lic}`],
    ["GetInactivePackages", "GET", `/packages/v2/inactive?${lic}`],
    ["GetReceiptsExternalByExternalNumber", "GET", `/sales/v2/receipts/external/R-1?${lic}`],
    ["GetFacilities", "GET", "/facilities/v2/"],
  ];
  it.each(cases)("%s", async (name, method, path, body) => {
    const answer = await call(method, path, body);
    expect(shapeDiff(example(name), answer)).toEqual([]);
  });
});
