import { readdirSync, readFileSync, statSync } from "node:fs";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
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
  return sources(dir).flatMap((f) =>
    importsOf(f)
      .filter((i) => forbidden.test(i))
      .map((i) => `${relative(root, join(root, f))} imports ${i}`),
  );
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
    expect(
      offenders("contract", /^#(hub|station)\/|^node:(fs|net|http|https|child_process)$|^mqtt$/).filter(
        (o) => !o.startsWith("contract/examples/"),
      ),
    ).toEqual([]);
  });
});

/** Every module a station file imports (static, re-export, side-effect or dynamic), as a file under the repo. */
function stationDeps(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["']([^"']+)["']/gm)].map(
    (m) => m[1] as string,
  );
  return specs.flatMap((spec) => {
    const base = spec.startsWith("#station/")
      ? join("station", spec.slice("#station/".length))
      : spec.startsWith(".")
        ? join(dirname(file), spec)
        : null;
    if (!base) return [];
    const stem = base.replace(/\.js$/, "");
    return [".ts", ".tsx"].map((ext) => stem + ext).filter((f) => existsSync(join(root, f)));
  });
}

/** The import cycles among the files, each as the path that closes it. */
function cycles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, stationDeps(f)]));
  const state = new Map<string, "open" | "done">();
  const found: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      found.push([...path.slice(path.indexOf(f)), f].join(" -> "));
      return;
    }
    state.set(f, "open");
    for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
    state.set(f, "done");
  };
  for (const f of files) visit(f, []);
  return found;
}

describe("station import graph", () => {
  it("has no import cycles (type-only imports count: they tie the files' changes together)", () => {
    expect(cycles(sources("station"))).toEqual([]);
  });
});
