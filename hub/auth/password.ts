import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Dashboard passwords are stored as `scrypt$N$r$p$salt$hash` (base64url), the same shape as the
 * kiosk PIN hashes in contract/pin.ts. scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per check,
 * which makes a stolen database expensive to brute-force on GPUs.
 */
export interface PasswordCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** Production cost: 32 MiB and about 160 ms per check on a shared 2-core x86 machine (measured median). */
export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 32_768, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Highest memory a stored hash may ask for (bytes): refuses hashes crafted to exhaust memory. */
const MAX_MEMORY_BYTES = 128 * 1024 * 1024;

/** Passwords shorter than this are refused when set (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer inputs are refused before hashing, so a huge form field cannot burn CPU. */
export const MAX_PASSWORD_LENGTH = 256;

function scryptAsync(password: string, salt: Buffer, bytes: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, bytes, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Why a new password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** Hashes a password with a fresh random salt (runs on the libuv pool, not the event loop). */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { ...cost, maxmem: MAX_MEMORY_BYTES });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** True when `password` matches `stored`; a malformed hash is simply no match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  if (expected.length === 0) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (128 * cost.N * cost.r > MAX_MEMORY_BYTES) return false;
  try {
    const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length, {
      ...cost,
      maxmem: MAX_MEMORY_BYTES,
    });
    return timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}
