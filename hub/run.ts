/**
 * The hub as `vaultline-hub` (no subcommand) and `npm run hub` run it: configuration from the
 * environment, the product's modules (compose.ts), started (main.ts) until SIGINT or SIGTERM.
 */
import { pathToFileURL } from "node:url";
import { createWatchdog } from "#platform/watchdog.js";
import { composeHub } from "./compose.js";
import { loadConfig } from "./config.js";
import { HubError } from "./errors.js";
import { createLog } from "./log.js";
import { startHub } from "./main.js";
import { createHubHealthCheck } from "./ops/health.js";

/** Runs the hub from the environment until SIGINT/SIGTERM; returns the exit code. */
export async function runHubFromEnv(env: Record<string, string | undefined> = process.env): Promise<number> {
  const base = loadConfig(env);
  const log = createLog(base.LOG_LEVEL);
  const { cfg, options } = composeHub(base, { log });
  const hub = await startHub(cfg, options);
  // Type=notify under systemd: READY once serving, then watchdog pings while the ledger answers.
  const watchdog = createWatchdog({
    env,
    log,
    healthy: createHubHealthCheck({ db: hub.db, ingestFailing: () => hub.ingest.stats().failing }),
  });
  await watchdog.ready(`dashboard ${hub.url}`);
  console.log(`Vaultline hub: dashboard ${hub.url}  MQTT ${hub.mqttUrl}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  log.info("stopping");
  await watchdog.stopping();
  await hub.stop();
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runHubFromEnv().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err instanceof HubError ? err.message : err);
      process.exit(1);
    },
  );
}
