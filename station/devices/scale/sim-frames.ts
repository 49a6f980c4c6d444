import type { ScaleProtocol } from "./codec.js";

/** What the simulated scale shows. */
export interface SimDisplay {
  /** Net grams on the display. */
  grams: number;
  stable: boolean;
  overload: boolean;
  underload: boolean;
}

/**
 * Formats a reading exactly as each family prints it (the inverse of the codecs), so the
 * simulator exercises the same parsers as a real scale.
 */
export function formatReading(protocol: ScaleProtocol, d: SimDisplay): string {
  switch (protocol) {
    case "mt-sics":
      return mtSics(d);
    case "and":
      return aAndD(d);
    case "ohaus":
      return ohaus(d);
    case "nci":
      return nci(d);
  }
}

const fixed = (g: number, decimals: number) => Math.abs(g).toFixed(decimals);

function mtSics(d: SimDisplay): string {
  if (d.overload) return "S +\r\n";
  if (d.underload) return "S -\r\n";
  const v = `${d.grams < 0 ? "-" : ""}${fixed(d.grams, 2)}`;
  return `S ${d.stable ? "S" : "D"} ${v.padStart(10)} g\r\n`;
}

function aAndD(d: SimDisplay): string {
  if (d.overload || d.underload) return `OL,${d.overload ? "+" : "-"}9999999  g\r\n`;
  return `${d.stable ? "ST" : "US"},${d.grams < 0 ? "-" : "+"}${fixed(d.grams, 2).padStart(8, "0")}  g\r\n`;
}

function ohaus(d: SimDisplay): string {
  if (d.overload) return "  -OL-\r\n";
  if (d.underload) return "  -UL-\r\n";
  const v = `${d.grams < 0 ? "-" : ""}${fixed(d.grams, 2)}`;
  return `${v.padStart(11)} g${d.stable ? "" : " ?"}\r\n`;
}

/** SCP-01 status bytes: 0x30 plus the flag bits (byte 1 motion/at-zero, byte 2 under/over). */
export function nciStatus(d: SimDisplay): string {
  const b1 = 0x30 | (d.stable ? 0 : 0x01) | (d.grams === 0 ? 0x02 : 0);
  const b2 = 0x30 | (d.underload ? 0x01 : 0) | (d.overload ? 0x02 : 0);
  return String.fromCharCode(b1, b2);
}

function nci(d: SimDisplay): string {
  const v = d.overload || d.underload ? "^^^^^^" : `${d.grams < 0 ? "-" : ""}${fixed(d.grams, 2)}`.padStart(7);
  return `\n${v} g\r\n${nciStatus(d)}\r\x03`;
}
