import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The station and the hub share only contract/ (the messages) and platform/ (process glue such as
 * systemd readiness, no domain code). A station that imported hub code would carry the ledger onto
 * a Pi; a hub that imported station code would couple releases. This is the lint rule.
 */
const root = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

function offenders(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap((f) => importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${relative(root, join(root, f))} imports ${i}`));
}

describe("module boundaries", () => {
  it("station never imports hub code", () => {
    expect(offenders("station", /^#hub\/|\/hub\//)).toEqual([]);
  });
  it("hub never imports station code", () => {
    expect(offenders("hub", /^#station\/|\/station\//)).toEqual([]);
  });
  it("platform glue imports neither service", () => {
    expect(offenders("platform", /^#(hub|station)\/|\/(hub|station)\//)).toEqual([]);
  });
  it("contract imports neither service nor any I/O module", () => {
    expect(offenders("contract", /^#(hub|station)\/|^node:(fs|net|http|https|child_process)$|^mqtt$/).filter((o) => !o.startsWith("contract/examples/"))).toEqual([]);
  });
});
