import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * Debian's Chromium, driven by playwright-core. Playwright's own browser download cannot work in
 * the stores' offline build machines, so the browser tests use the system package and skip, with
 * the reason printed, where it is absent.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is not installed (Debian package "chromium")`;
}

/** Prints why a browser suite is skipped; returns true when it must be. */
export function skipWithoutBrowser(suite: string): boolean {
  const reason = browserMissing();
  if (reason) console.warn(`${suite} skipped: ${reason}`);
  return reason !== null;
}

export interface Kiosk {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile (removed on close), sized like the kiosk's 1024×600
 * screen. Background networking, component updates and sync are off: the test talks only to
 * the servers it started on 127.0.0.1.
 */
export async function launchKiosk(opts: { width?: number; height?: number } = {}): Promise<Kiosk> {
  const profile = mkdtempSync(join(tmpdir(), "vaultline-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: opts.width ?? 1024, height: opts.height ?? 600 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
