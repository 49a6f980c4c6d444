import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Rules about how the hub's own folders depend on each other, checked over the source text the
 * way a lint rule would: test set-ups stay out of production code.
 */
const root = new URL("..", import.meta.url).pathname;

/** Every .ts/.tsx file under `dir` (relative to the repository root). */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith("hub/testing/");

/** Import specifiers of a file, including `import type`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

describe("hub boundaries", () => {
  it("production code never imports the test set-ups in hub/testing", () => {
    const offenders = ["hub", "scripts", "bin"].flatMap(sources).filter((f) => !isTest(f))
      .flatMap((f) => importsOf(f).filter((i) => /^#hub\/testing\/|\/testing\//.test(i)).map((i) => `${relative(root, join(root, f))} imports ${i}`));
    expect(offenders).toEqual([]);
  });
});
