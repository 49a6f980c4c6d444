import { describe, expect, it } from "vitest";
import type { BarcodeClass } from "#contract/barcode.js";
import type { ScanRow } from "#station/scans/live-feed.js";
import { describeClassification } from "./classification.js";
import { ScanFeed, ScanFeedRow } from "./scan-feed.js";

const row = (classification: BarcodeClass, over: Partial<ScanRow> = {}): ScanRow => ({
  id: "01a21f73-5001-7727-a15b-728f2bd925ec",
  at: "2026-11-27T18:04:11.512Z",
  code: "1A4060300002199000003445",
  scannerId: "scanner-1",
  classification,
  employeeId: "emp-001",
  recorded: true,
  ...over,
});

describe("classification on the kiosk", () => {
  const cases: Array<[BarcodeClass, string, string]> = [
    [{ kind: "metrc-tag", tag: "1A4060300002199000003445", form: "strict" }, "METRC tag", "ok"],
    [{ kind: "gs1", gtin: "00850001234566", batch: "L1" }, "Product code", "product"],
    [{ kind: "employee-badge", badge: "EMP-0001" }, "Badge", "person"],
    [{ kind: "command", command: "SIGN-OUT" }, "Command", "command"],
    [{ kind: "retail-id", url: "https://1a4.com/abc" }, "Retail ID", "link"],
    [{ kind: "invalid", reason: "product code check digit is wrong" }, "Invalid", "bad"],
  ];
  it.each(cases)("names %j as %s in the %s colour", (c, label, tone) => {
    const html = (<ScanFeedRow row={row(c)} />).toString();
    expect(html).toContain(`tone-${tone}`);
    expect(html).toContain(`<span class="scan-kind">${label}</span>`);
  });

  it("gives the reason of an invalid scan", () => {
    const html = (
      <ScanFeedRow row={row({ kind: "invalid", reason: "product code check digit is wrong" })} />
    ).toString();
    expect(html).toContain("product code check digit is wrong");
  });

  it("spells out GS1 details and the non-strict tag form", () => {
    expect(describeClassification({ kind: "gs1", gtin: "00850001234566", batch: "L1", expiry: "261231" }).detail).toBe(
      "GTIN 00850001234566, lot L1, exp 261231",
    );
    expect(
      describeClassification({ kind: "metrc-tag", tag: "1A4060300002199000003445", form: "placeholder" }).detail,
    ).toBe("placeholder form");
  });

  it("shows the item and location when the replica knows the label, and the recorded mark", () => {
    const html = (
      <ScanFeedRow
        row={row(
          { kind: "metrc-tag", tag: "1A4060300002199000003445", form: "strict" },
          {
            pkg: {
              label: "1A4060300002199000003445",
              itemName: "Blue Dream 3.5g",
              location: "Vault A-1",
              status: "active",
            },
          },
        )}
      />
    ).toString();
    expect(html).toContain("<b>Blue Dream 3.5g</b> · Vault A-1");
    expect(html).toContain('✓<span class="word"> recorded</span>');
    expect(html).not.toContain("no one signed in");
  });

  it("says when a tag is not in the vault's catalog", () => {
    const html = (
      <ScanFeedRow row={row({ kind: "metrc-tag", tag: "1A4060300002199000003445", form: "strict" })} />
    ).toString();
    expect(html).toContain("not in this vault&#39;s catalog");
  });

  it("marks a scan made while nobody was signed in", () => {
    const html = (
      <ScanFeedRow row={row({ kind: "command", command: "NEXT" }, { employeeId: undefined })} />
    ).toString();
    expect(html).toContain("no one signed in");
  });

  it("escapes scanned text", () => {
    const html = (
      <ScanFeedRow row={row({ kind: "invalid", reason: "x" }, { code: "<script>alert(1)</script>" })} />
    ).toString();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows a hint when nothing was scanned yet", () => {
    expect((<ScanFeed rows={[]} />).toString()).toContain("Scan a package");
  });
});
