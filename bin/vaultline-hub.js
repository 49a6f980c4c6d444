#!/usr/bin/env node
// Runs the hub. With VAULTLINE_DIST=1 (the systemd units set it) it runs the JavaScript that
// `npm run build` wrote to dist/; otherwise the TypeScript sources through tsx's loader.
const entry = process.env.VAULTLINE_DIST === "1" ? "../dist/hub/cli.js" : "../hub/cli.ts";
if (!entry.endsWith(".js")) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { runHubCli } = await import(entry);
process.exitCode = await runHubCli(process.argv.slice(2));
