import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ColumnMappingSchema } from "../mapping.js";
import { parseDutchie, parseFlowhub, parseGenericCsv, parseMappedCsv } from "./index.js";

const TZ = "America/Los_Angeles";
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const T1 = "1A4060300012B7C000003001";
const T9 = "1A4060300012B7C000003009";

describe("Dutchie transactions", () => {
  const parsed = parseDutchie(fixture("dutchie-transactions.json"), { timeZone: TZ });

  it("reads every retail item as a line, skipping coupons and transfers, numbering items in file order", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toBe(8);
    expect(parsed.lines.map((l) => [l.receiptId, l.lineId, l.row])).toEqual([
      ["880101", "1", 1],
      ["880101", "2", 2],
      ["880102", "4", 4],
      ["880102", "5", 5],
      ["880103", "6", 6],
      ["880104", "7", 7],
    ]);
  });

  it("nets discounts, keeps tags upper case, and leaves the unit to the package", () => {
    expect(parsed.lines[0]).toMatchObject({
      packageLabel: T1,
      quantity: 2,
      total: 36,
      unit: null,
      voided: false,
      attributed: false,
    });
    expect(parsed.lines[2]).toMatchObject({ packageLabel: T1, completedAt: "2026-11-01T06:40:00.000Z" });
    expect(parsed.lines[3]).toMatchObject({ packageLabel: null, sku: "777" });
  });

  it("puts the late-evening sale on the store's day, though UTC is already on the next", () => {
    expect(parsed.lines[2]!.businessDay).toBe("2026-10-31");
  });

  it("marks voided receipts and makes returns negative, linked to the sale they return", () => {
    expect(parsed.lines[4]).toMatchObject({ receiptId: "880103", voided: true, businessDay: "2026-11-01" });
    expect(parsed.lines[5]).toMatchObject({
      quantity: -1,
      total: -18,
      returnOf: "880101",
      completedAt: "2026-11-01T23:00:00.000Z",
    });
  });

  it("reports a mistyped tag, a missing quantity and a body that is not the transactions array", () => {
    const body = [
      {
        transactionId: 9,
        transactionDate: "2026-11-01T18:00:00Z",
        items: [
          { transactionItemId: 1, packageId: "1A4060300012B7C00003001", quantity: 1, totalPrice: 1 },
          { transactionItemId: 2, packageId: T1, totalPrice: 1 },
        ],
      },
    ];
    const bad = parseDutchie(JSON.stringify(body), { timeZone: TZ });
    expect(bad.errors).toEqual([
      {
        row: 1,
        reason: expect.stringMatching(
          /transaction 9, item 1: package tag "1A4060300012B7C00003001" is not a METRC tag: a METRC tag has 24 characters, this has 23/,
        ),
      },
      { row: 2, reason: expect.stringMatching(/item 2: quantity undefined is not a number/) },
    ]);
    expect(parseDutchie("{}", { timeZone: TZ }).errors[0]).toMatchObject({
      row: 0,
      reason: expect.stringContaining("JSON array of transactions"),
    });
    expect(parseDutchie("[{", { timeZone: TZ }).errors[0]).toMatchObject({
      row: 0,
      reason: expect.stringContaining("not JSON"),
    });
  });
});

describe("Flowhub orders", () => {
  const parsed = parseFlowhub(fixture("flowhub-orders.json"), { timeZone: TZ });

  it("reads sold orders' cart lines by SKU, cents to dollars, and skips cancelled orders", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toBe(7);
    expect(parsed.lines.map((l) => `${l.receiptId}/${l.lineId}`)).toEqual([
      "fh-sale-1001/l-1",
      "fh-sale-1001/l-2",
      "fh-sale-1002/l-3",
      "fh-sale-1002/l-4",
      "fh-sale-1004/l-6",
      "fh-sale-1005/l-7",
    ]);
    expect(parsed.lines[1]).toMatchObject({
      sku: "item-009",
      packageLabel: null,
      quantity: 3.5,
      unit: "Grams",
      total: 25.5,
    });
  });

  it("uses completedOn for the business day, marks voids and makes refunds negative", () => {
    expect(parsed.lines[2]).toMatchObject({ completedAt: "2026-11-01T07:30:00.000Z", businessDay: "2026-11-01" });
    expect(parsed.lines[4]).toMatchObject({ voided: true });
    expect(parsed.lines[5]).toMatchObject({ quantity: -1, total: -18, returnOf: "fh-sale-1001" });
  });

  it("reports lines without a SKU or with an unknown unit by row", () => {
    const bad = parseFlowhub(
      JSON.stringify([
        {
          id: "s1",
          completedOn: "2026-11-01T18:00:00Z",
          itemsInCart: [
            { id: "a", sku: "", quantity: 1, totalPrice: 1 },
            { id: "b", sku: "x", quantity: 1, unitOfWeight: "bag", totalPrice: 1 },
          ],
        },
      ]),
      { timeZone: TZ },
    );
    expect(bad.errors.map((e) => e.row)).toEqual([1, 2]);
    expect(bad.errors[1]!.reason).toContain('unitOfWeight "bag" is not a METRC unit');
  });
});

describe("generic CSV", () => {
  it("reads rows by spreadsheet number (header = 1, empty lines counted), units by abbreviation", () => {
    const parsed = parseGenericCsv(fixture("sales.csv"), { timeZone: TZ });
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines.map((l) => l.row)).toEqual([2, 3, 4, 6, 7, 8, 9]);
    expect(parsed.lines[1]).toMatchObject({ unit: "Grams", quantity: 3.5, total: 25.5, sku: "item-009" });
    expect(parsed.lines[2]).toMatchObject({
      unit: "Each",
      businessDay: "2026-10-31",
      completedAt: "2026-11-01T06:40:00.000Z",
    });
  });

  it("keeps both 1:30 sales of the day daylight-saving time ends on that day, an hour apart", () => {
    const parsed = parseGenericCsv(fixture("sales.csv"), { timeZone: TZ });
    const [pdt, pst] = [parsed.lines[3]!, parsed.lines[4]!];
    expect([pdt.completedAt, pst.completedAt]).toEqual(["2026-11-01T08:30:00.000Z", "2026-11-01T09:30:00.000Z"]);
    expect([pdt.businessDay, pst.businessDay, parsed.lines[5]!.businessDay]).toEqual([
      "2026-11-01",
      "2026-11-01",
      "2026-11-01",
    ]);
    expect(pst.voided).toBe(true);
    expect(parsed.lines[6]).toMatchObject({ quantity: -1, total: -18 });
  });

  it("reports every bad row with its number and all its problems", () => {
    const parsed = parseGenericCsv(fixture("bad-sales.csv"), { timeZone: TZ });
    expect(parsed.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(parsed.errors[0]!.reason).toMatch(/is not a METRC tag: a METRC tag has 24 characters, this has 23/);
    expect(parsed.errors[1]!.reason).toMatch(/not ISO 8601 with an offset/);
    expect(parsed.errors[2]!.reason).toMatch(
      /unit "bag" is not a METRC unit.*voided "maybe" is neither true nor false/,
    );
    expect(parsed.errors[3]!.reason).toMatch(/neither package_label nor sku/);
  });

  it("refuses a header without the required columns, naming them", () => {
    const parsed = parseGenericCsv("receipt,line_id\nR1,1\n", { timeZone: TZ });
    expect(parsed.errors).toEqual([
      { row: 1, reason: expect.stringMatching(/header lacks receipt_id, completed_at.*\(unknown: receipt\)/) },
    ]);
    expect(parsed.lines).toEqual([]);
  });

  it("reports a row with too many cells and an unclosed quote", () => {
    const head = "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided\n";
    expect(
      parseGenericCsv(`${head}R1,1,2026-11-01T10:00:00Z,${T1},,1,Each,1,false,extra\n`, { timeZone: TZ }).errors,
    ).toEqual([{ row: 2, reason: "has 10 cells where the header has 9" }]);
    expect(parseGenericCsv(`${head}R1,"1,2026\n`, { timeZone: TZ }).errors[0]!.reason).toMatch(/not readable as CSV/);
  });
});

describe("CSV through a saved column mapping", () => {
  const mapping = ColumnMappingSchema.parse(JSON.parse(fixture("cova-mapping.json")));

  it("reads a Cova export: local US times, money with $ and parentheses, its words for voided, lines numbered per receipt", () => {
    const parsed = parseMappedCsv(fixture("cova-sales.csv"), mapping, { timeZone: TZ });
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines.map((l) => `${l.receiptId}/${l.lineId}`)).toEqual([
      "CV-501/1",
      "CV-501/2",
      "CV-502/1",
      "CV-503/1",
      "CV-504/1",
    ]);
    expect(parsed.lines[0]).toMatchObject({ completedAt: "2026-10-31T17:05:00.000Z", packageLabel: T1, total: 36 });
    expect(parsed.lines[1]).toMatchObject({ packageLabel: T9, unit: "Grams" });
    expect(parsed.lines[2]).toMatchObject({
      voided: true,
      businessDay: "2026-10-31",
      completedAt: "2026-11-01T06:40:00.000Z",
    });
    expect(parsed.lines[3]).toMatchObject({
      total: 1018,
      completedAt: "2026-11-01T08:30:00.000Z",
      businessDay: "2026-11-01",
    });
    expect(parsed.lines[4]).toMatchObject({ quantity: -1, total: -18 });
  });

  it("refuses a pivoted report and a file without the mapped columns", () => {
    expect(parseMappedCsv(fixture("pivoted.csv"), mapping, { timeZone: TZ }).errors).toEqual([
      { row: 1, reason: expect.stringContaining("pivoted report") },
    ]);
    expect(parseMappedCsv(fixture("sales.csv"), mapping, { timeZone: TZ }).errors[0]).toMatchObject({
      row: 1,
      reason: expect.stringContaining('header lacks "Receipt Number"'),
    });
  });

  it("needs a tag or SKU column and a unit from a column or the mapping", () => {
    const noId = ColumnMappingSchema.safeParse({
      name: "x",
      columns: { receiptId: "R", completedAt: "T", quantity: "Q" },
      unit: "Each",
    });
    expect(noId.success).toBe(false);
    const noUnit = ColumnMappingSchema.safeParse({
      name: "x",
      columns: { receiptId: "R", completedAt: "T", quantity: "Q", sku: "S" },
    });
    expect(noUnit.error?.issues[0]?.message).toMatch(/unit/);
  });
});
