import type { BarcodeClass } from "#contract/barcode.js";

/** How the kiosk names a scan's classification: a word, a detail line, and a colour tone. */
export interface ClassificationWords {
  label: string;
  detail: string;
  /** CSS tone: ok (green), product (blue), person (purple), command (amber), link (teal), bad (red). */
  tone: "ok" | "product" | "person" | "command" | "link" | "bad";
}

/** The words and colour the kiosk uses for one classification. */
export function describeClassification(c: BarcodeClass): ClassificationWords {
  switch (c.kind) {
    case "metrc-tag":
      return { label: "METRC tag", detail: c.form === "strict" ? "" : `${c.form} form`, tone: "ok" };
    case "gs1":
      return {
        label: "Product code",
        detail: [c.gtin && `GTIN ${c.gtin}`, c.batch && `lot ${c.batch}`, c.expiry && `exp ${c.expiry}`]
          .filter(Boolean)
          .join(", "),
        tone: "product",
      };
    case "employee-badge":
      return { label: "Badge", detail: c.badge, tone: "person" };
    case "command":
      return { label: "Command", detail: c.command, tone: "command" };
    case "retail-id":
      return { label: "Retail ID", detail: c.url, tone: "link" };
    case "invalid":
      return { label: "Invalid", detail: c.reason, tone: "bad" };
  }
}
