import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashMosquittoPassword, verifyMosquittoPassword } from "./mosquitto-hash.js";
import { hashPassword, passwordProblem, verifyPassword } from "./password.js";
import { TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";

function hasMosquittoPasswd(): boolean {
  try {
    execFileSync("mosquitto_passwd", ["-h"], { stdio: "ignore" });
    return true;
  } catch (e) {
    // mosquitto_passwd -h exits 1 after printing usage; only a missing binary is "absent".
    return (e as NodeJS.ErrnoException).code !== "ENOENT";
  }
}
const mosquittoPasswd = hasMosquittoPasswd();
if (!mosquittoPasswd)
  console.warn("mosquitto_passwd interop test skipped: mosquitto_passwd is not installed (apt-get install mosquitto)");

describe("dashboard password hashes", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("a long enough password", TEST_PASSWORD_COST);
    const b = await hashPassword("a long enough password", TEST_PASSWORD_COST);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword("a long enough password", a)).toBe(true);
    expect(await verifyPassword("a long enough passwore", a)).toBe(false);
  });

  it("treats malformed or memory-exhausting hashes as no match", async () => {
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1073741824$8$1$c2FsdA$aGFzaA")).toBe(false);
  });

  it("refuses short new passwords with a reason", () => {
    expect(passwordProblem("short")).toMatch(/at least 10/);
    expect(passwordProblem("long enough!")).toBeUndefined();
  });
});

describe("Mosquitto $7$ hashes", () => {
  it("round-trips and rejects a wrong password", async () => {
    const h = await hashMosquittoPassword("s3cret", 1000);
    expect(h).toMatch(/^\$7\$1000\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    expect(await verifyMosquittoPassword("s3cret", h)).toBe(true);
    expect(await verifyMosquittoPassword("s3creT", h)).toBe(false);
    expect(await verifyMosquittoPassword("s3cret", "$6$abc$def")).toBe(false);
  });

  it.skipIf(!mosquittoPasswd)("reads hashes written by mosquitto_passwd", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "vl-pw-")), "passwd");
    execFileSync("mosquitto_passwd", ["-b", "-c", file, "station-x", "from-the-tool"]);
    const hash = readFileSync(file, "utf8").trim().split(":")[1] ?? "";
    expect(await verifyMosquittoPassword("from-the-tool", hash)).toBe(true);
    expect(await verifyMosquittoPassword("from-the-toll", hash)).toBe(false);
  });
});
