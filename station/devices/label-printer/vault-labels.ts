import { facilityDateTime, zoneAbbreviation } from "#contract/facility-time.js";
import { usDate, type TemplateOptions } from "./templates.js";
import { ZplLabel } from "./zpl.js";

/** "11/27/2026 10:12 PST" in the facility's zone. */
function when(at: string, timeZone: string): string {
  const local = facilityDateTime(at, timeZone);
  return `${usDate(local)} ${local.slice(11, 16)} ${zoneAbbreviation(at, timeZone)}`;
}

/** What a waste label shows: the destroyed product, how much, why, how, who and who witnessed. */
export interface WasteLabelData {
  uid: string;
  productName: string;
  /** "3.4 g" of the package's quantity, and the net weight on the scale. */
  amount: string;
  netGrams: number;
  reason: string;
  method?: string | undefined;
  employeeName: string;
  witnessName: string;
  /** ISO instant it was witnessed. */
  at: string;
  timeZone: string;
}

/**
 * The 4 x 2 in waste label (812 x 406 dots), for the bag or bin the waste goes in: a black band
 * "WASTE - DESTROY", the package's UID as Code 128, and the facts an inspector asks of a
 * destruction (what, how much, why, method, both employees, when).
 */
export function wasteLabel(d: WasteLabelData, opts: TemplateOptions = {}): ZplLabel {
  const l = new ZplLabel(812, 406, opts.dpmm);
  l.box(0, 0, 812, 64, 64).text(40, 10, 48, "WASTE - DESTROY", { reverse: true, w: 44 });
  l.text(20, 76, 28, d.productName, { w: 26 });
  l.text(20, 110, 26, `${d.amount} (${d.netGrams.toFixed(2)} g net)`);
  l.block(20, 142, 22, 772, 2, `Reason: ${d.reason}${d.method ? ` · Method: ${d.method}` : ""}`);
  l.text(20, 196, 20, `By ${d.employeeName}, witness ${d.witnessName}, ${when(d.at, d.timeZone)}`);
  l.code128(20, 226, 80, d.uid, 2);
  return l;
}

/** What the label of a package made from a bulk one shows. */
export interface NewPackageLabelData {
  uid: string;
  productName: string;
  amount: string;
  /** The bulk package it came from. */
  sourceUid: string;
  /** ISO date it was packaged (YYYY-MM-DD, facility-local). */
  packagedDate: string;
}

/** The 4 x 2 in label of a new package (812 x 406 dots): product, amount, its UID and where it came from. */
export function newPackageLabel(d: NewPackageLabelData, opts: TemplateOptions = {}): ZplLabel {
  const l = new ZplLabel(812, 406, opts.dpmm);
  l.text(20, 16, 36, d.productName, { w: 32 });
  l.text(20, 62, 30, `Net ${d.amount}   Packaged ${usDate(d.packagedDate)}`);
  l.text(20, 102, 22, `From ${d.sourceUid}`);
  l.code128(20, 140, 90, d.uid, 2);
  l.dataMatrix(680, 140, 5, d.uid);
  return l;
}
