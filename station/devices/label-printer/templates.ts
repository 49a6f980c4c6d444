import { facilityDateTime, zoneAbbreviation } from "#contract/facility-time.js";
import { type Dpmm, ZplLabel } from "./zpl.js";

/** California's statutory warning (Bus. & Prof. Code §26120; 4 CCR §17408); overridable per licence. */
export const CA_GOVERNMENT_WARNING =
  "GOVERNMENT WARNING: THIS PRODUCT CONTAINS CANNABIS, A SCHEDULE I CONTROLLED SUBSTANCE. KEEP OUT OF REACH OF " +
  "CHILDREN AND ANIMALS. CANNABIS MAY ONLY BE POSSESSED OR CONSUMED BY PERSONS 21 YEARS OF AGE OR OLDER UNLESS THE " +
  "PERSON IS A QUALIFIED PATIENT. CANNABIS USE WHILE PREGNANT MAY BE HARMFUL. CONSUMPTION OF CANNABIS IMPAIRS YOUR " +
  "ABILITY TO DRIVE AND OPERATE MACHINERY. PLEASE USE EXTREME CAUTION.";

const GRAMS_PER_OUNCE = 28.349523125;

/** What a package label shows (4 CCR §17406 primary and informational panels). */
export interface PackageLabelData {
  productName: string;
  /** Net weight in grams; printed metric and US. */
  netWeightGrams: number;
  /** METRC UID (24 characters); left blank, never invented, when unknown. */
  uid?: string;
  batch: string;
  /** ISO date the package was packaged (YYYY-MM-DD). */
  packagedDate: string;
  /** THC and CBD: percent for flower, milligrams for edibles. */
  thc: { value: number; unit: "%" | "mg" };
  cbd: { value: number; unit: "%" | "mg" };
  licensee: { name: string; license: string; contact: string };
  /** Edibles carry "Cannabis-Infused" above the product identity. */
  edible?: boolean;
  medicalOnly?: boolean;
  warning?: string;
}

export interface TemplateOptions {
  dpmm?: Dpmm;
  /** The DCC universal symbol as a ^GF graphic (converted from DCC artwork); an outline is drawn without it. */
  universalSymbolGf?: string;
}

/** "3.5 g (0.12 oz)": metric first, US customary after, as §17406 asks for both. */
export function netWeightText(grams: number): string {
  const g = grams >= 1000 ? `${Number((grams / 1000).toFixed(3))} kg` : `${Number(grams.toFixed(2))} g`;
  return `${g} (${(grams / GRAMS_PER_OUNCE).toFixed(2)} oz)`;
}

/** ISO date to the US MM/DD/YYYY printed on labels. */
export function usDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`packaged date "${iso}" is not YYYY-MM-DD`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

const potency = (p: { value: number; unit: "%" | "mg" }) =>
  p.unit === "%" ? `${p.value.toFixed(1)}%` : `${Number(p.value.toFixed(1))} mg`;

/** The universal symbol, at least 0.5 in (102 dots at 203 dpi) on each side. */
function universalSymbol(l: ZplLabel, x: number, y: number, gf?: string): void {
  if (gf) {
    l.raw(x, y, gf);
    return;
  }
  const s = 110;
  l.diagonal(x, y, s / 2, s, 6, "R")
    .diagonal(x + s / 2, y, s / 2, s, 6, "L")
    .box(x, y + s - 6, s, 6, 6);
  l.text(x + 43, y + 30, 40, "!").text(x + 32, y + 70, 28, "CA");
}

/** The 4 x 3 in package label (812 x 609 dots at 203 dpi). */
export function packageLabel(d: PackageLabelData, opts: TemplateOptions = {}): ZplLabel {
  const l = new ZplLabel(812, 609, opts.dpmm);
  let y = 15;
  if (d.edible) {
    l.text(20, y, 44, "Cannabis-Infused", { w: 40 });
    y += 48;
  }
  l.text(20, y, d.edible ? 36 : 40, d.productName, { w: d.edible ? 32 : 36 });
  universalSymbol(l, 680, 15, opts.universalSymbolGf);
  l.text(20, y + 45, 28, `Net Wt. ${netWeightText(d.netWeightGrams)}`);
  l.text(20, y + 80, 24, `THC ${potency(d.thc)}   CBD ${potency(d.cbd)}`);
  l.text(20, y + 110, 22, `Batch: ${d.batch}   Packaged: ${usDate(d.packagedDate)}`);
  l.text(20, y + 138, 20, `${d.licensee.name}  Lic. ${d.licensee.license}  ${d.licensee.contact}`);
  const codeY = y + 168;
  if (d.uid) {
    l.code128(20, codeY, 60, d.uid, 2);
    l.dataMatrix(680, codeY - 20, 5, d.uid);
  } else {
    // An empty box to write the tag in by hand once METRC assigns it.
    l.text(20, codeY + 8, 22, "UID:").box(80, codeY, 560, 40, 2);
  }
  let warnY = codeY + 100;
  if (d.medicalOnly) {
    l.text(20, warnY, 26, "FOR MEDICAL USE ONLY");
    warnY += 32;
  }
  l.block(20, warnY, 20, 772, 8, d.warning ?? CA_GOVERNMENT_WARNING);
  return l;
}

/** What a vault shelf label shows. */
export interface ShelfLabelData {
  /** Location code the scanners read, e.g. "VAULT-A-03". */
  locationCode: string;
  locationName: string;
  /** Item kept there, when the shelf is dedicated. */
  itemName?: string;
}

/** The 2 x 1 in shelf label (406 x 203 dots at 203 dpi). */
export function shelfLabel(d: ShelfLabelData, opts: TemplateOptions = {}): ZplLabel {
  const l = new ZplLabel(406, 203, opts.dpmm);
  l.text(15, 10, 36, d.locationName, { w: 32 });
  if (d.itemName) l.text(15, 50, 22, d.itemName);
  l.code128(15, 80, 70, d.locationCode, 2);
  return l;
}

/** What a quarantine label shows. */
export interface QuarantineLabelData {
  uid: string;
  productName: string;
  reason: string;
  /** ISO timestamp of the quarantine. */
  at: string;
  employeeName: string;
  /** The facility's zone (FACILITY_TIME_ZONE): the time is printed in it, with its short name; UTC without. */
  timeZone?: string;
}

/** "11/27/2026 10:12 PST" in the facility's zone; the instant's own date and time when no zone is given. */
function heldAt(d: QuarantineLabelData): string {
  if (!d.timeZone) return `${usDate(d.at)} ${d.at.slice(11, 16)}`;
  const local = facilityDateTime(d.at, d.timeZone);
  return `${usDate(local)} ${local.slice(11, 16)} ${zoneAbbreviation(d.at, d.timeZone)}`;
}

/** The 4 x 2 in quarantine label (812 x 406 dots), a black band with "QUARANTINE - DO NOT SELL". */
export function quarantineLabel(d: QuarantineLabelData, opts: TemplateOptions = {}): ZplLabel {
  const l = new ZplLabel(812, 406, opts.dpmm);
  l.box(0, 0, 812, 70, 70).text(40, 12, 50, "QUARANTINE - DO NOT SELL", { reverse: true, w: 44 });
  l.text(20, 85, 30, d.productName, { w: 28 });
  l.block(20, 122, 24, 772, 2, `Reason: ${d.reason}`);
  l.text(20, 180, 22, `Held ${heldAt(d)} by ${d.employeeName}`);
  l.code128(20, 215, 80, d.uid, 2);
  l.dataMatrix(680, 215, 5, d.uid);
  return l;
}
