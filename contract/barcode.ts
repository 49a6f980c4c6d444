import { z } from "zod";
import { GS, gs1CheckDigitValid, parseGs1 } from "./gs1.js";
import { parseMetrcTag, TAG_LENGTH } from "./metrc-tag.js";
import { describeControlChar, firstControlChar, quotable, text, TEXT_MAX } from "./text.js";

/**
 * What a scanned code is. Every scan is classified at the station the moment it arrives, and the
 * classification travels in the scan event so the hub never re-guesses it.
 */
export const commandBarcodes = ["SIGN-OUT", "CANCEL", "CONFIRM", "UNDO", "TARE", "ZERO", "NEXT"] as const;
export type CommandBarcode = (typeof commandBarcodes)[number];

export const BarcodeClassSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("metrc-tag"),
    tag: text(TAG_LENGTH, { min: TAG_LENGTH }),
    form: z.enum(["strict", "placeholder", "loose"]),
  }),
  // GS1 lengths: GTIN-14, batch and serial up to 20 (AI 10 and 21), expiry as an ISO date.
  z.object({
    kind: z.literal("gs1"),
    gtin: text(14).optional(),
    batch: text(20).optional(),
    expiry: text(10).optional(),
    serial: text(20).optional(),
  }),
  z.object({ kind: z.literal("employee-badge"), badge: text(TEXT_MAX.short) }),
  z.object({ kind: z.literal("command"), command: z.enum(commandBarcodes) }),
  z.object({ kind: z.literal("retail-id"), url: text(TEXT_MAX.url) }),
  z.object({ kind: z.literal("invalid"), reason: text(TEXT_MAX.prose) }),
]);
export type BarcodeClass = z.infer<typeof BarcodeClassSchema>;

/** Employee badges print `EMP-` and 3–16 letters or digits. */
const BADGE = /^EMP-[A-Z0-9]{3,16}$/;
/** Command sheets at the vault print `CMD:` and a command name. */
const COMMAND = /^CMD:([A-Z-]+)$/;
/** METRC Retail ID QR codes carry a URL on 1a4.com. */
const RETAIL_ID = /^https?:\/\/(www\.)?1a4\.com\/[A-Za-z0-9]+$/i;
/** AIM symbology identifiers that announce GS1 data: GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar. */
const GS1_AIM = new Set(["]C1", "]d2", "]Q3", "]e0"]);

function stripAim(raw: string): { code: string; gs1: boolean } {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(raw)) return { code: raw.slice(3), gs1: GS1_AIM.has(raw.slice(0, 3)) };
  return { code: raw, gs1: false };
}

function looksLikeGs1(code: string): boolean {
  return code.startsWith("(01)") || code.includes(GS) || /^01\d{14}(10|17|21)/.test(code) || /^01\d{14}$/.test(code);
}

/** Classifies one scanned code (already decoded to text, terminator removed). */
export function classifyBarcode(raw: string): BarcodeClass {
  const { code: untrimmed, gs1 } = stripAim(raw);
  const code = untrimmed.trim();
  if (code.length === 0) return { kind: "invalid", reason: "empty scan" };
  const control = firstControlChar(code, GS);
  if (control >= 0)
    return { kind: "invalid", reason: `control character ${describeControlChar(code, control)} in the code` };

  const cmd = COMMAND.exec(code);
  if (cmd) {
    const name = cmd[1] as CommandBarcode;
    return commandBarcodes.includes(name)
      ? { kind: "command", command: name }
      : { kind: "invalid", reason: `unknown command ${name}` };
  }
  if (BADGE.test(code)) return { kind: "employee-badge", badge: code };
  if (RETAIL_ID.test(code)) return { kind: "retail-id", url: code };

  if (gs1 || looksLikeGs1(code)) {
    const parsed = parseGs1(code);
    return parsed.ok
      ? { kind: "gs1", ...parsed.data }
      : { kind: "invalid", reason: quotable(`GS1 code: ${parsed.reason}`, TEXT_MAX.prose) };
  }
  if (/^\d{8}$|^\d{12,14}$/.test(code)) {
    return gs1CheckDigitValid(code)
      ? { kind: "gs1", gtin: code.padStart(14, "0") }
      : { kind: "invalid", reason: "product code check digit is wrong" };
  }
  const tag = parseMetrcTag(code);
  if (tag.ok) return { kind: "metrc-tag", tag: tag.tag, form: tag.form };
  return {
    kind: "invalid",
    reason:
      code.length >= 16 ? quotable(`not a valid tag: ${tag.reason}`, TEXT_MAX.prose) : "not a code Vaultline knows",
  };
}
