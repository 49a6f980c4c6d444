import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `npm run build`: the sources as plain JavaScript in dist/, the form the appliance runs under
 * systemd. Running TypeScript through tsx's loader costs about 36 MB of RSS on Node 20 (its hooks
 * run in a second V8 isolate), a third of the station's 120 MB budget on a Pi.
 *
 * Each file is transpiled on its own (no bundling), so dist/ mirrors the tree: relative paths to
 * assets (kiosk CSS, label preview worker, migrations) stay valid, and dist/package.json (a copy)
 * resolves the `#contract/*`, `#station/*`, `#hub/*` and `#platform/*` aliases inside dist/.
 */
const root = fileURLToPath(new URL("../", import.meta.url));
const out = join(root, "dist");
const folders = ["contract", "platform", "station", "hub"];
const skip = /(\.test\.tsx?$|\.d\.ts$|[\\/](bench|test-support|testing)[\\/]|[\\/]fixtures[\\/])/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export async function buildDist(): Promise<{ files: number; assets: number; ms: number }> {
  const started = performance.now();
  rmSync(out, { recursive: true, force: true });
  const all = folders.flatMap((f) => walk(join(root, f))).filter((p) => !skip.test(relative(root, p)));
  const sources = all.filter((p) => /\.tsx?$/.test(p));
  const assets = all.filter((p) => !/\.tsx?$/.test(p) && !p.endsWith(".md"));
  await build({
    entryPoints: sources,
    outdir: out,
    outbase: root,
    bundle: false,
    platform: "node",
    format: "esm",
    target: "node20",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    sourcemap: "linked",
    logLevel: "warning",
  });
  for (const asset of [...assets, join(root, "package.json")]) {
    const to = join(out, relative(root, asset));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(asset, to);
  }
  return { files: sources.length, assets: assets.length, ms: performance.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await buildDist();
  console.log(`dist/: ${r.files} modules, ${r.assets} assets in ${Math.round(r.ms)} ms`);
}
