import type { BarcodeClass } from "#contract/barcode.js";

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago" from two ISO/ms instants. */
export function ago(iso: string, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** HH:MM:SS in UTC from an ISO instant. */
export function clockTime(iso: string): string {
  return new Date(iso).toISOString().slice(11, 19);
}

/** What a scanned code is, in words for the manager. */
export function describeClass(c: BarcodeClass): string {
  switch (c.kind) {
    case "metrc-tag":
      return "METRC tag";
    case "gs1":
      return c.gtin ? `product ${c.gtin}` : "GS1 product code";
    case "employee-badge":
      return "employee badge";
    case "command":
      return `command ${c.command}`;
    case "retail-id":
      return "Retail ID";
    case "invalid":
      return `unreadable: ${c.reason}`;
  }
}
