#!/usr/bin/env node
// Runs the station's TypeScript sources directly through tsx's loader: the appliance ships sources, no build step.
import { register } from "tsx/esm/api";

register();
const { runStationCli } = await import("../station/cli.ts");
process.exitCode = await runStationCli(process.argv.slice(2));
