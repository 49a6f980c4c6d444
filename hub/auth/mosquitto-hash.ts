import { pbkdf2, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Station MQTT passwords are stored in the format Mosquitto 2 reads from its password file
 * (`$7$iterations$salt$hash`: PBKDF2-HMAC-SHA512, 12-byte salt, 64-byte key, both base64), so
 * the embedded broker and a production Mosquitto check the very same hashes.
 * Mosquitto's own tool uses 101 iterations; it reads the count from each line, so we use more.
 */
export const MOSQUITTO_ITERATIONS = 20_000;
const SALT_BYTES = 12;
const KEY_BYTES = 64;
/** Refuses stored hashes that would make one connect cost seconds of CPU. */
const MAX_ITERATIONS = 1_000_000;

function pbkdf2Async(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, KEY_BYTES, "sha512", (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a broker password in Mosquitto's `$7$` format. */
export async function hashMosquittoPassword(password: string, iterations = MOSQUITTO_ITERATIONS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await pbkdf2Async(password, salt, iterations);
  return `$7$${iterations}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Checks a password against a `$7$` hash; anything malformed is no match. */
export async function verifyMosquittoPassword(password: string, stored: string): Promise<boolean> {
  const [empty, scheme, iter, salt, hash] = stored.split("$");
  if (empty !== "" || scheme !== "7" || !iter || !salt || !hash) return false;
  const iterations = Number(iter);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const expected = Buffer.from(hash, "base64");
  if (expected.length !== KEY_BYTES) return false;
  const actual = await pbkdf2Async(password, Buffer.from(salt, "base64"), iterations);
  return timingSafeEqual(expected, actual);
}
