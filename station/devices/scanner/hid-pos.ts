/**
 * Pure decoding of HID Point of Sale scanner reports (usage page 0x8C).
 *
 * Layout of the common 64-byte input report (Access-IS LSR118 app. B, Honeywell-style):
 * `[0]` report ID 0x02, `[1]` data length (≤ 56), `[2..4]` AIM symbology ID, `[5..60]` data,
 * `[61]` vendor symbology ID, `[62]` reserved, `[63]` bit 0 = more data follows. A long code
 * spans several reports, concatenated until the flag clears.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
const REPORT_ID = 0x02;
const REPORT_SIZE = 64;
const MAX_DATA = 56;
/**
 * Longest code assembled, bytes: more than a QR code holds (ISO/IEC 18004: 7,089 digits at
 * most). A scanner whose more-data flag sticks would otherwise grow the parts without end.
 */
export const MAX_POS_CODE = 8_192;

export type PosReport = { ok: true; aim: string; data: string; more: boolean } | { ok: false; reason: string };

/** Decodes one report; a 63-byte report is taken as one whose report ID was stripped. */
export function decodePosReport(report: Uint8Array): PosReport {
  const r = report.length === REPORT_SIZE - 1 ? Uint8Array.of(REPORT_ID, ...report) : report;
  if (r.length !== REPORT_SIZE) return { ok: false, reason: `HID POS report of ${report.length} bytes, expected 64` };
  if (r[0] !== REPORT_ID) return { ok: false, reason: `HID POS report ID 0x${(r[0] ?? 0).toString(16)} is not 0x02` };
  const length = r[1] ?? 0;
  if (length > MAX_DATA) return { ok: false, reason: `HID POS length ${length} exceeds ${MAX_DATA}` };
  const aim = Buffer.from(r.subarray(2, 5)).toString("latin1").replace(/\0+$/, "");
  const data = Buffer.from(r.subarray(5, 5 + length)).toString("latin1");
  return { ok: true, aim, data, more: ((r[63] ?? 0) & 0x01) === 1 };
}

/** Builds HID POS reports for a code (simulator and tests), splitting at 56 bytes. */
export function encodePos(code: string, aim = "]C0"): Uint8Array[] {
  const bytes = Buffer.from(code, "latin1");
  const out: Uint8Array[] = [];
  for (let i = 0; i < Math.max(bytes.length, 1); i += MAX_DATA) {
    const chunk = bytes.subarray(i, i + MAX_DATA);
    const r = new Uint8Array(REPORT_SIZE);
    r[0] = REPORT_ID;
    r[1] = chunk.length;
    r.set(Buffer.from(aim.padEnd(3, "\0").slice(0, 3), "latin1"), 2);
    r.set(chunk, 5);
    r[63] = i + MAX_DATA < bytes.length ? 1 : 0;
    out.push(r);
  }
  return out;
}

/**
 * Joins multi-report codes. Returns the whole code once "more data" clears; trailing CR/LF
 * suffixes configured on the scanner are removed.
 */
export class PosAssembler {
  #parts: string[] = [];

  #aim = "";

  #bytes = 0;

  feed(report: Uint8Array): { code?: string; aim?: string; error?: string } {
    const r = decodePosReport(report);
    if (!r.ok) {
      this.reset();
      return { error: r.reason };
    }
    if (this.#parts.length === 0) this.#aim = r.aim;
    this.#parts.push(r.data);
    this.#bytes += r.data.length;
    if (this.#bytes > MAX_POS_CODE) {
      this.reset();
      return { error: `HID POS code longer than ${MAX_POS_CODE} bytes without an end: dropped` };
    }
    if (r.more) return {};
    const code = this.#parts.join("").replace(/[\r\n]+$/, "");
    this.reset();
    return this.#aim ? { code, aim: this.#aim } : { code };
  }

  /** True while a multi-report code is incomplete. */
  get pending(): boolean {
    return this.#parts.length > 0;
  }

  reset(): void {
    this.#parts = [];
    this.#bytes = 0;
  }
}
