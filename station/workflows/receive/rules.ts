/**
 * Rules of receiving that do not depend on the session: how a scan is classified against a
 * manifest, and whether a package may be accepted at all (lab state, COA).
 */
import type { BarcodeClass } from "#contract/barcode.js";
import type { ManifestLine, RejectReason } from "#contract/receiving.js";

/** What a scan is, against the open manifest. */
export type ScanVerdict = "on-manifest" | "duplicate" | "not-on-manifest" | "invalid-tag";

/** Why a line cannot be accepted, in words for the kiosk. */
export interface AcceptBlock {
  reason: Extract<RejectReason, "failed-lab" | "no-coa">;
  text: string;
}

/**
 * A package may be accepted only with lab state TestPassed and a passing COA. Why so strict: a
 * retailer may not sell a package without a passing test (e.g. 4 CCR §15307 in California), and
 * METRC's receipt is where the retailer takes it into its inventory — so the vault refuses it
 * at the door, with the COA the hub offered as the evidence.
 */
export function acceptBlock(line: ManifestLine): AcceptBlock | null {
  if (line.labState !== "TestPassed") {
    return { reason: "failed-lab", text: `Lab state is ${line.labState}, not TestPassed` };
  }
  if (!line.coa) return { reason: "no-coa", text: "No certificate of analysis came with this package" };
  if (!line.coa.overallPassed) return { reason: "failed-lab", text: `COA from ${line.coa.lab} did not pass` };
  return null;
}

/** A scanned code reduced to what receiving needs: a tag, a refusal, or something for others. */
export type ReceiveCode =
  | { kind: "tag"; tag: string }
  | { kind: "not-a-tag"; reason: string }
  /** Badges and command barcodes belong to sign-in and the kiosk, not to the manifest. */
  | { kind: "ignored" };

export function receiveCode(c: BarcodeClass): ReceiveCode {
  switch (c.kind) {
    case "metrc-tag":
      return { kind: "tag", tag: c.tag };
    case "invalid":
      return { kind: "not-a-tag", reason: c.reason };
    case "gs1":
      return { kind: "not-a-tag", reason: "a product code, not a METRC package tag" };
    case "retail-id":
      return { kind: "not-a-tag", reason: "a Retail ID QR code, not the package tag" };
    case "employee-badge":
    case "command":
      return { kind: "ignored" };
  }
}

/** Words and sound for each verdict (the kiosk's flash and its tone). */
export const verdictWords: Record<ScanVerdict, { title: string; tone: "ok" | "warn" | "bad" }> = {
  "on-manifest": { title: "On this manifest", tone: "ok" },
  duplicate: { title: "Already scanned", tone: "warn" },
  "not-on-manifest": { title: "NOT on this manifest", tone: "bad" },
  "invalid-tag": { title: "Not a valid tag", tone: "bad" },
};
