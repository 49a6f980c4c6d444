import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { LABEL_A, LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";
import type { StateSystemError } from "../errors.js";
import type { PackageCreateWrite } from "../port.js";
import { packageCreateRequest } from "./package-create.js";

const NEW_1 = "1A4060300012B7C000009001";
const NEW_2 = "1A4060300012B7C000009002";
const NEW_3 = "1A4060300012B7C000009003";

const split = (over: Partial<PackageCreateWrite> = {}): PackageCreateWrite => ({
  kind: "package-create",
  label: LABEL_B,
  itemName: "OG Kush Bulk",
  location: "Vault A-2",
  date: "2026-11-27",
  packages: [
    { label: NEW_1, quantity: 28, unit: "Grams" },
    { label: NEW_2, quantity: 28, unit: "Grams" },
    { label: NEW_3, quantity: 14.2, unit: "Grams" },
  ],
  ...over,
});

describe("METRC package creation (a bulk package split)", () => {
  let clock: FakeClock;
  let rig: Rig;
  beforeEach(async () => {
    clock = new FakeClock();
    rig = await startRig({ clock });
  });
  afterEach(() => rig.stop());

  it("sends one row per new package with the source as its ingredient, as METRC's example body", () => {
    const req = packageCreateRequest(split());
    expect(req).toMatchObject({ method: "POST", path: "/packages/v2/", rowLabels: [NEW_1, NEW_2, NEW_3] });
    expect((req.body as unknown[])[0]).toMatchObject({
      Tag: NEW_1,
      Item: "OG Kush Bulk",
      Location: "Vault A-2",
      Quantity: 28,
      UnitOfMeasure: "Grams",
      ActualDate: "2026-11-27",
      Ingredients: [{ Package: LABEL_B, Quantity: 28, UnitOfMeasure: "Grams" }],
    });
  });

  it("creates the packages in the simulator and takes their quantity out of the source", async () => {
    expect((await rig.client.check(split(), { confirmedTwins: 0 })).verdict).toBe("absent");
    const out = await rig.client.submit(split());
    expect(out.stateIds).toHaveLength(3);
    const made = await rig.client.packageByLabel(NEW_3);
    expect(made).toMatchObject({ itemName: "OG Kush Bulk", quantity: 14.2, unit: "Grams", location: "Vault A-2" });
    expect((await rig.client.packageByLabel(LABEL_B))?.quantity).toBeCloseTo(453.6 - 70.2, 6);
    expect((await rig.client.check(split(), { confirmedTwins: 0 })).verdict).toBe("applied");
  });

  it("refuses the whole request when one row is wrong: a tag in use, or more than the source holds", async () => {
    const reused = await rig.client
      .submit(
        split({
          packages: [
            { label: NEW_1, quantity: 1, unit: "Grams" },
            { label: LABEL_A, quantity: 1, unit: "Grams" },
          ],
        }),
      )
      .catch((e: StateSystemError) => e);
    expect((reused as StateSystemError).code).toBe("UPSTREAM_REJECTED");
    expect((reused as StateSystemError).message).toContain(`row 1 (package ${LABEL_A})`);
    expect(await rig.client.packageByLabel(NEW_1)).toBeNull();
    const tooMuch = await rig.client
      .submit(
        split({
          packages: [
            { label: NEW_1, quantity: 400, unit: "Grams" },
            { label: NEW_2, quantity: 60, unit: "Grams" },
          ],
        }),
      )
      .catch((e: StateSystemError) => e);
    expect((tooMuch as StateSystemError).message).toContain("does not hold enough");
    expect((await rig.client.packageByLabel(LABEL_B))?.quantity).toBe(453.6);
  });
});
