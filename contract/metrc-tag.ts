/**
 * METRC package tags (label = UID = tag) are the 24-character RFID EPC-96 UID printed on the
 * tag, uppercase alphanumerics. Real tags read `1A4` + 12 hex + 9-digit sequence
 * (e.g. `1A4060300002199000003445`); METRC's own documentation uses placeholders such as
 * `ABCDEF012345670000010331` (14 characters + 10-digit sequence), which its examples and our
 * simulator must accept. No check digit is documented, so none is checked.
 */
export const TAG_LENGTH = 24;

const ANY_TAG = /^[0-9A-Z]{24}$/;
const STRICT_TAG = /^1A4[0-9A-F]{12}\d{9}$/;
const DOC_PLACEHOLDER_TAG = /^[0-9A-Z]{14}\d{10}$/;

export type TagForm = "strict" | "placeholder" | "loose";

export type TagParse = { ok: true; tag: string; form: TagForm; sequence: string } | { ok: false; reason: string };

/** Normalizes (trim, uppercase) and checks a METRC tag; the reason reads well on a kiosk banner. */
export function parseMetrcTag(input: string): TagParse {
  const tag = input.trim().toUpperCase();
  if (tag.length !== TAG_LENGTH) {
    return { ok: false, reason: `a METRC tag has 24 characters, this has ${tag.length}` };
  }
  if (!ANY_TAG.test(tag)) {
    return { ok: false, reason: "a METRC tag has only letters A-Z and digits" };
  }
  if (STRICT_TAG.test(tag)) return { ok: true, tag, form: "strict", sequence: tag.slice(15) };
  if (DOC_PLACEHOLDER_TAG.test(tag)) return { ok: true, tag, form: "placeholder", sequence: tag.slice(14) };
  return { ok: true, tag, form: "loose", sequence: tag.slice(15) };
}

/** True when the string is a well-formed METRC tag in any accepted form. */
export function isMetrcTag(input: string): boolean {
  return parseMetrcTag(input).ok;
}
