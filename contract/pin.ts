import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * Kiosk PINs travel from the hub to stations only as salted scrypt hashes
 * (`scrypt$N$r$p$salt$hash`, base64url), so a stolen station file reveals no PIN.
 * scrypt is memory-hard; N=2^14 keeps a check near 50 ms on a Raspberry Pi 4.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/**
 * Scrypt costs a stored hash may ask for. Anything outside is not a hash this code wrote, and
 * would make the check throw (N not a power of two, memory past `maxmem`) or stall the kiosk.
 */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

function cost(n: string, r: string, p: string): { N: number; r: number; p: number } | undefined {
  const [N, rr, pp] = [n, r, p].map((v) => (/^\d{1,8}$/.test(v) ? Number(v) : Number.NaN)) as [number, number, number];
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(rr >= 1 && rr <= MAX_R) || !(pp >= 1 && pp <= MAX_P)) return undefined;
  return { N, r: rr, p: pp };
}

/** True when `pin` matches the stored hash; false for a wrong PIN and for a hash it cannot read. */
export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const params = cost(n, r, p);
  const expected = Buffer.from(hash, "base64url");
  if (!params || expected.length === 0) return false;
  try {
    const actual = scryptSync(pin, Buffer.from(salt, "base64url"), expected.length, {
      ...params,
      maxmem: 64 * 1024 * 1024,
    });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  } catch {
    // OpenSSL refuses some combinations within the bounds (memory past maxmem): not our hash.
    return false;
  }
}
