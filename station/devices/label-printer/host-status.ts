/**
 * Pure parser for the Zebra ~HS host status reply (ZPL II Programming Guide, ~HS): three
 * strings, each `<STX>…<ETX><CR><LF>`.
 *   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l  (b paper out, c paused, eee formats in buffer,
 *      f buffer full, j corrupt RAM, k under temperature, l over temperature)
 *   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www  (o head up, p ribbon out, r print mode,
 *      t label waiting, uuuuuuuu labels remaining in the batch)
 *   3: xxxx,y                              (password, static RAM)
 */

export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  bufferFull: boolean;
  corruptRam: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  /** Formats received but not yet printed. */
  formatsInBuffer: number;
  /** Labels still to print in the current batch. */
  labelsRemaining: number;
  raw: string;
}

export const HS_REQUEST = "~HS";
const STX = 0x02;
const ETX = 0x03;
const MAX_REPLY = 256;

/** Decodes one ~HS reply from a byte buffer; incomplete input stays in `rest`. */
export function decodeHostStatus(buf: Uint8Array): { status?: HostStatus; rest: Uint8Array; discarded: string[] } {
  const strings: string[] = [];
  const discarded: string[] = [];
  let i = 0;
  let consumed = 0;
  while (strings.length < 3) {
    const stx = buf.indexOf(STX, i);
    if (stx === -1) break;
    const etx = buf.indexOf(ETX, stx + 1);
    if (etx === -1) break;
    const junk = Buffer.from(buf.subarray(i, stx))
      .toString("latin1")
      .replace(/[\r\n]/g, "");
    if (junk) discarded.push(junk);
    strings.push(Buffer.from(buf.subarray(stx + 1, etx)).toString("latin1"));
    i = etx + 1;
    consumed = i;
  }
  if (strings.length < 3) {
    const rest = buf.length > MAX_REPLY ? new Uint8Array(0) : Uint8Array.from(buf);
    if (buf.length > MAX_REPLY) discarded.push(`no complete ~HS reply within ${MAX_REPLY} bytes`);
    return { rest, discarded };
  }
  while (consumed < buf.length && (buf[consumed] === 0x0d || buf[consumed] === 0x0a)) consumed++;
  const status = parseHostStatus(strings as [string, string, string]);
  if (!status)
    return {
      rest: Uint8Array.from(buf.subarray(consumed)),
      discarded: [...discarded, `unreadable ~HS reply ${JSON.stringify(strings.join("|"))}`],
    };
  return { status, rest: Uint8Array.from(buf.subarray(consumed)), discarded };
}

/** Parses the three strings of a ~HS reply, or undefined when the fields do not fit. */
export function parseHostStatus([s1, s2, s3]: [string, string, string]): HostStatus | undefined {
  const a = s1.split(",");
  const b = s2.split(",");
  if (a.length < 12 || b.length < 11 || !/^\d+,\d$/.test(s3.trim())) return undefined;
  const flag = (v: string | undefined) => v === "1";
  const num = (v: string | undefined) => Number.parseInt(v ?? "", 10);
  const formats = num(a[4]);
  const remaining = num(b[8]);
  if (Number.isNaN(formats) || Number.isNaN(remaining)) return undefined;
  return {
    paperOut: flag(a[1]),
    paused: flag(a[2]),
    bufferFull: flag(a[5]),
    corruptRam: flag(a[9]),
    underTemperature: flag(a[10]),
    overTemperature: flag(a[11]),
    headOpen: flag(b[2]),
    ribbonOut: flag(b[3]),
    formatsInBuffer: formats,
    labelsRemaining: remaining,
    raw: `${s1}|${s2}|${s3}`,
  };
}

/** The conditions that stop printing, in words for the kiosk; empty when ready. */
export function problems(s: HostStatus): string[] {
  const out: string[] = [];
  if (s.paperOut) out.push("paper out");
  if (s.headOpen) out.push("head open");
  if (s.ribbonOut) out.push("ribbon out");
  if (s.paused) out.push("paused");
  if (s.bufferFull) out.push("buffer full");
  if (s.corruptRam) out.push("corrupt RAM");
  if (s.overTemperature) out.push("head over temperature");
  if (s.underTemperature) out.push("head under temperature");
  return out;
}

/** Builds a ~HS reply (simulator and tests). */
export function encodeHostStatus(s: Partial<Omit<HostStatus, "raw">>): string {
  const b = (v: boolean | undefined) => (v ? "1" : "0");
  const l1 = `030,${b(s.paperOut)},${b(s.paused)},1218,${String(s.formatsInBuffer ?? 0).padStart(3, "0")},${b(s.bufferFull)},0,0,000,${b(s.corruptRam)},${b(s.underTemperature)},${b(s.overTemperature)}`;
  const l2 = `001,0,${b(s.headOpen)},${b(s.ribbonOut)},1,2,6,0,${String(s.labelsRemaining ?? 0).padStart(8, "0")},1,000`;
  return `\x02${l1}\x03\r\n\x02${l2}\x03\r\n\x021234,0\x03\r\n`;
}
