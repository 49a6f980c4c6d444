import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Secrets handed to browsers, scripts and stations (session ids, API tokens, CSRF tokens,
 * station passwords). Only their SHA-256 digest is stored where a lookup is needed, so a copy of
 * the database does not let anyone sign in.
 */

/** A new random secret: 32 bytes (256 bits) as base64url, optionally with a readable prefix. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** SHA-256 of a secret, hex: the lookup key stored instead of the secret itself. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two secrets in constant time (their digests, so lengths never leak). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(digest(a), "hex"), Buffer.from(digest(b), "hex"));
}

/** Prefix of dashboard-issued API tokens, so leaked tokens are easy to spot in code scanners. */
export const API_TOKEN_PREFIX = "vlt_";
