import { natsServerBinary } from "../../scripts/chain/nats-cluster.js";
import { postgresAvailable } from "#hub/testing/ledger.js";

/**
 * Why a chain suite cannot run here, or undefined. They start their own NATS cluster, so the CI
 * step that repeats the integration suite against MQTT_URL (one Mosquitto) skips them: they ran
 * once already and would test nothing new. The benchmark (`bench`) runs whatever MQTT_URL says.
 */
export async function chainSkipReason(opts: { nats: boolean; bench?: boolean }): Promise<string | undefined> {
  if (process.env.MQTT_URL && !opts.bench)
    return "MQTT_URL is set: the chain suites start their own cluster and ran without it";
  if (opts.nats && !natsServerBinary()) return "nats-server is not installed (apt-get install nats-server)";
  if (!(await postgresAvailable())) return "PostgreSQL does not answer at 127.0.0.1:5432";
  return undefined;
}
