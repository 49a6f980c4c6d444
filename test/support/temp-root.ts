import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global setup: every test run gets one temporary root, and the test workers (and the
 * processes they start: socat, mosquitto, station children, chromium) see it as TMPDIR, so
 * `os.tmpdir()` points inside it. The root is removed when the run ends, with whatever a test
 * left behind (a failed test skips its own cleanup). Tests still remove their own folders.
 *
 * Each project (unit, integration, e2e) runs this; the first one creates the root and removes it.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.VAULTLINE_TEST_TMP) return undefined;
  const root = mkdtempSync(join(tmpdir(), "vaultline-test-run-"));
  process.env.VAULTLINE_TEST_TMP = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
