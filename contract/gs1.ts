/**
 * GS1 element strings as scanned from GS1-128 / GS1 DataMatrix product codes. Only the
 * application identifiers a dispensary reads are decoded: 01 GTIN (14 digits, fixed),
 * 10 batch/lot (variable, up to 20), 17 expiry YYMMDD (fixed), 21 serial (variable, up to 20).
 * Variable fields end at FNC1, which scanners transmit as ASCII GS (0x1D) — or at the end.
 * The human-readable "(01)…(17)…" form is accepted too.
 */
export const GS = "\u001d";

export interface Gs1Data {
  gtin?: string;
  batch?: string;
  /** ISO date YYYY-MM-DD; day "00" means the last day of the month (GS1 General Specifications 3.4.2). */
  expiry?: string;
  serial?: string;
}

export type Gs1Parse = { ok: true; data: Gs1Data } | { ok: false; reason: string };

const FIXED: Record<string, number> = { "01": 14, "17": 6 };
const VARIABLE: Record<string, number> = { "10": 20, "21": 20 };

/** GS1 mod-10 check digit over all but the last digit. */
export function gs1CheckDigitValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

function expiryToIso(yymmdd: string): string | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return undefined;
  const year = 2000 + yy;
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd === 0) dd = lastDay;
  if (dd > lastDay) return undefined;
  return `${year}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

function fromParenthesized(input: string): string {
  return input.replace(/\((\d{2})\)/g, (_m, ai: string, offset: number) => (offset === 0 ? ai : `${GS}${ai}`));
}

/** Parses an element string (without symbology identifier). */
export function parseGs1(input: string): Gs1Parse {
  let s = input.startsWith("(") ? fromParenthesized(input) : input;
  const data: Gs1Data = {};
  while (s.length > 0) {
    if (s.startsWith(GS)) {
      s = s.slice(1);
      continue;
    }
    const ai = s.slice(0, 2);
    const fixed = FIXED[ai];
    const maxVar = VARIABLE[ai];
    if (fixed !== undefined) {
      const value = s.slice(2, 2 + fixed);
      if (value.length !== fixed || !/^\d+$/.test(value))
        return { ok: false, reason: `AI ${ai} needs ${fixed} digits` };
      if (ai === "01") {
        if (!gs1CheckDigitValid(value)) return { ok: false, reason: "GTIN check digit is wrong" };
        data.gtin = value;
      } else {
        const iso = expiryToIso(value);
        if (!iso) return { ok: false, reason: `AI 17 date ${value} is not a date` };
        data.expiry = iso;
      }
      s = s.slice(2 + fixed);
    } else if (maxVar !== undefined) {
      const end = s.indexOf(GS, 2);
      const value = end === -1 ? s.slice(2) : s.slice(2, end);
      if (value.length === 0 || value.length > maxVar)
        return { ok: false, reason: `AI ${ai} must have 1 to ${maxVar} characters` };
      if (ai === "10") data.batch = value;
      else data.serial = value;
      s = end === -1 ? "" : s.slice(end + 1);
    } else {
      return { ok: false, reason: `application identifier ${ai} is not read here` };
    }
  }
  return data.gtin || data.batch || data.serial || data.expiry
    ? { ok: true, data }
    : { ok: false, reason: "empty element string" };
}
