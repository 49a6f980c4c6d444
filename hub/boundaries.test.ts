import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Rules about how the hub's own folders depend on each other, checked over the source text the
 * way a lint rule would: test set-ups stay out of production code, no two hub files import each
 * other, however indirectly (type-only imports count too: they tie the files as tightly), and the
 * ledger alone writes package state (design.md: a module changes packages only through the
 * ledger's movements and adjustments, each with its audit entry).
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

/** Hub files `file` imports, type-only imports included (a cycle of types still ties the files together), as repository paths. */
function hubImportsOf(file: string): string[] {
  return importsOf(file).flatMap((spec) => {
    const target = spec.startsWith("#hub/")
      ? `hub/${spec.slice(5)}`
      : spec.startsWith(".")
        ? normalize(join(dirname(file), spec))
        : undefined;
    return target ? [target.replace(/\.js$/, "")] : [];
  });
}

/** Cycles in an import graph: Tarjan's strongly connected components of more than one file, or a file importing itself. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const part: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      part.push(w);
      if (w === v) break;
    }
    if (part.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(part.sort());
  };
  for (const f of edges.keys()) if (!index.has(f)) visit(f);
  return cycles;
}

/** The run-time import graph among `files`. */
function importGraph(files: string[]): Map<string, string[]> {
  const byBase = new Map(files.map((f) => [f.replace(/\.tsx?$/, ""), f]));
  return new Map(files.map((f) => [f, hubImportsOf(f).flatMap((t) => (byBase.has(t) ? [byBase.get(t)!] : []))]));
}

/**
 * Writes to the `packages` table in a source text: Kysely's insertInto/updateTable/deleteFrom/
 * replaceInto/mergeInto("packages"…), the same in raw sql`…` templates, or the ledger's raw
 * upsert (hub/ledger/catalog.ts upsertPackages, for its opening load).
 */
function packageWritesIn(text: string): string[] {
  const kysely =
    /\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*["'`]packages(?:\s+as\s+\w+)?["'`]/g;
  const raw = /sql(?:<[^>]*>)?`[^`]*?\b(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+"?packages\b[^`]*`/gis;
  const writer = /\bupsertPackages\b/g;
  return [...text.matchAll(kysely), ...text.matchAll(raw), ...text.matchAll(writer)].map((m) =>
    m[0].replace(/\s+/g, " ").slice(0, 80),
  );
}

describe("hub boundaries", () => {
  it("writes the packages table in hub/ledger only", () => {
    const offenders = ["hub", "scripts", "test"]
      .flatMap(sources)
      .filter((f) => !isTest(f) && !f.startsWith("hub/ledger/"))
      .flatMap((f) => packageWritesIn(readFileSync(join(root, f), "utf8")).map((w) => `${f}: ${w}`));
    expect(offenders).toEqual([]);
  });

  it("recognises each way of writing packages, and not reads or other tables", () => {
    for (const write of [
      'await trx.updateTable("packages").set({ status: "quarantine" })',
      "db.insertInto('packages').values(rows)",
      'db.deleteFrom("packages as p")',
      "await sql`UPDATE packages SET status = 'active'`.execute(db)",
      'sql<{ n: number }>`insert into "packages" (label) values (${x})`',
      'import { upsertPackages } from "#hub/ledger/catalog.js";',
    ])
      expect([write, packageWritesIn(write).length]).toEqual([write, 1]);
    for (const other of [
      'db.selectFrom("packages").selectAll()',
      'db.updateTable("ss_packages").set({})',
      'db.insertInto("packages_archive")',
      "// update packages of the vault",
    ]) {
      expect([other, packageWritesIn(other)]).toEqual([other, []]);
    }
  });

  it("has no import cycle", () => {
    expect(cyclesOf(importGraph(sources("hub")))).toEqual([]);
  });

  it("finds a cycle through several files", () => {
    const graph = new Map([
      ["hub/main.ts", ["hub/compose.ts"]],
      ["hub/compose.ts", ["hub/auth/wiring.ts"]],
      ["hub/auth/wiring.ts", ["hub/main.ts"]],
      ["hub/run.ts", ["hub/main.ts"]],
    ]);
    expect(cyclesOf(graph)).toEqual([["hub/auth/wiring.ts", "hub/compose.ts", "hub/main.ts"]]);
    expect(hubImportsOf("hub/run.ts")).toEqual(expect.arrayContaining(["hub/compose", "hub/main"]));
  });

  it("production code never imports the test set-ups in hub/testing", () => {
    const offenders = ["hub", "scripts", "bin"]
      .flatMap(sources)
      .filter((f) => !isTest(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^#hub\/testing\/|\/testing\//.test(i))
          .map((i) => `${relative(root, join(root, f))} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});
