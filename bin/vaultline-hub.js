#!/usr/bin/env node
// Runs the hub's TypeScript sources directly through tsx's loader: the appliance ships sources, no build step.
import { register } from "tsx/esm/api";

register();
const { runHubCli } = await import("../hub/cli.ts");
process.exitCode = await runHubCli(process.argv.slice(2));
