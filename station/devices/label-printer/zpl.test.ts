import { describe, expect, it } from "vitest";
import { PreviewRenderer } from "./preview.js";
import {
  netWeightText,
  packageLabel,
  type PackageLabelData,
  quarantineLabel,
  shelfLabel,
  usDate,
} from "./templates.js";
import { fieldData } from "./zpl.js";

const flower: PackageLabelData = {
  productName: "Blue Dream - Flower",
  netWeightGrams: 3.5,
  uid: "1A4060300003B01000012345",
  batch: "BD-2411-07",
  packagedDate: "2026-11-27",
  thc: { value: 24.1, unit: "%" },
  cbd: { value: 0.2, unit: "%" },
  licensee: { name: "Green Leaf Oakland", license: "C10-0000123-LIC", contact: "(510) 555-0142" },
};

describe("ZPL field data", () => {
  it("escapes the command prefixes and the escape character", () => {
    expect(fieldData("A^B~C_D")).toBe("A_5EB_7EC_5FD");
    expect(fieldData("two\nlines")).toBe("two lines");
  });
});

describe("package label", () => {
  const zpl = packageLabel(flower).toString();

  it("is one UTF-8 format sized 4 x 3 in at 203 dpi", () => {
    expect(zpl.startsWith("^XA^CI28^PW812^LL609")).toBe(true);
    expect(zpl.trimEnd().endsWith("^PQ1^XZ")).toBe(true);
  });

  it("carries the UID as Code 128 and DataMatrix", () => {
    expect(zpl).toContain("^BCN,60,Y,N,N^FH^FD1A4060300003B01000012345^FS");
    expect(zpl).toContain("^BXN,5,200^FH^FD1A4060300003B01000012345^FS");
  });

  it("shows net weight metric and US, potency, batch, date and the warning", () => {
    expect(zpl).toContain("Net Wt. 3.5 g (0.12 oz)");
    expect(zpl).toContain("THC 24.1%   CBD 0.2%");
    expect(zpl).toContain("Batch: BD-2411-07   Packaged: 11/27/2026");
    expect(zpl).toContain("GOVERNMENT WARNING: THIS PRODUCT CONTAINS CANNABIS");
    expect(zpl).toMatch(/\^GD/);
  });

  it("leaves the UID blank rather than printing a barcode of nothing", () => {
    const none = packageLabel({ ...flower, uid: undefined }).toString();
    expect(none).not.toContain("^BC");
    expect(none).toContain("^FDUID:^FS");
    expect(none).not.toContain("^BX");
  });

  it("puts Cannabis-Infused above an edible's name, larger", () => {
    const edible = packageLabel({
      ...flower,
      productName: "Mango Gummies",
      edible: true,
      thc: { value: 100, unit: "mg" },
      cbd: { value: 5, unit: "mg" },
    }).toString();
    expect(edible.indexOf("Cannabis-Infused")).toBeLessThan(edible.indexOf("Mango Gummies"));
    expect(edible).toContain("THC 100 mg   CBD 5 mg");
  });

  it("scales every coordinate for a 300 dpi head", () => {
    const hi = packageLabel(flower, { dpmm: 12 }).toString();
    expect(hi).toContain("^PW1218^LL914");
    expect(hi).toContain("^FO30,23^A0N,60,54");
  });

  it("refuses a packaged date that is not ISO", () => {
    expect(() => packageLabel({ ...flower, packagedDate: "11/27/2026" })).toThrow(/YYYY-MM-DD/);
  });
});

describe("shelf and quarantine labels", () => {
  it("encodes the location code for the scanners", () => {
    const zpl = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" }).toString();
    expect(zpl).toContain("^PW406^LL203");
    expect(zpl).toContain("^FDVAULT-A-03^FS");
  });
  const held = {
    uid: "1A4060300003B01000012345",
    productName: "Blue Dream",
    reason: "Tag not on manifest",
    at: "2026-11-27T18:12:30Z",
    employeeName: "Dana R.",
  };
  it("marks quarantine in reverse print with the reason and UID", () => {
    const zpl = quarantineLabel(held).toString();
    expect(zpl).toContain("^FR^FH^FDQUARANTINE - DO NOT SELL");
    expect(zpl).toContain("Reason: Tag not on manifest");
    expect(zpl).toContain("Held 11/27/2026 18:12 by Dana R.");
  });
  it("prints the hold time in the facility's zone, named", () => {
    const zpl = quarantineLabel({ ...held, timeZone: "America/Los_Angeles" }).toString();
    expect(zpl).toContain("Held 11/27/2026 10:12 PST by Dana R.");
  });
});

describe("label text formatting", () => {
  it("formats weights and dates", () => {
    expect(netWeightText(28)).toBe("28 g (0.99 oz)");
    expect(netWeightText(1250)).toBe("1.25 kg (44.09 oz)");
    expect(usDate("2026-01-05")).toBe("01/05/2026");
  });
});

describe("preview", () => {
  it("renders the package label to a PNG of the label's size, in a renderer process that stops when idle", async () => {
    const renderer = new PreviewRenderer({ idleMs: 50, timeoutMs: 30_000 });
    const label = packageLabel(flower);
    const png = await renderer.render(label.toString(), label.sizeMm);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // IHDR width and height, big-endian, at bytes 16-23.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([812, 609]);
    expect(renderer.running).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(renderer.running).toBe(false);
    const shelf = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" });
    const again = await renderer.render(shelf.toString(), shelf.sizeMm);
    expect([again.readUInt32BE(16), again.readUInt32BE(20)]).toEqual([406, 203]);
    renderer.stop();
  }, 60_000);
});
