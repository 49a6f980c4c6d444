import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { createHubLogins } from "./auth/wiring.js";
import type { HubConfig } from "./config.js";
import type { StartOptions } from "./main.js";
import type { HubModule } from "./modules.js";
import { receivingModule } from "./receiving/module.js";
import { stateSystemSlice } from "./statesystem/config.js";
import { startStateSystemModule, type StateSystemModule } from "./statesystem/module.js";

/**
 * The hub as it runs in production and in the demo: logins and roles on the dashboard and API,
 * station logins and ACLs on the embedded broker, and the state-system module (queue, sync,
 * /statesystem screen). Tests start bare hubs with startHub directly; everything a person uses
 * starts through here.
 */
export interface ComposedHub {
  /** The configuration to start with: the hub's own broker login is filled in when unset. */
  cfg: HubConfig;
  options: StartOptions;
  logins: ReturnType<typeof createHubLogins>["auth"];
}

export interface ComposeDeps {
  log: Logger;
  /** The dashboard's address as people reach it, for links sent to kiosks (COA documents). */
  publicUrl?: () => string | undefined;
  /** Work after migrations and before the broker opens (demo seeding). */
  beforeStart?: StartOptions["beforeStart"];
  /** More modules, started after the state system. */
  modules?: HubModule[];
}

/**
 * The state system and receiving as hub modules. Receiving reads lab results through the state
 * system and re-checks METRC's outcome after each of its syncs, so it is handed the started one.
 */
export function productModules(cfg: HubConfig, publicUrl?: () => string | undefined): HubModule[] {
  let ss: StateSystemModule | undefined;
  const stateSystem: HubModule = {
    name: "statesystem",
    start(ctx) {
      ss = startStateSystemModule({ config: stateSystemSlice(cfg), db: ctx.db, log: ctx.log });
      return { routes: [ss.route], nav: [{ href: "/statesystem", label: "State system" }], stop: ss.stop };
    },
  };
  const receiving = receivingModule({
    stateSystem: () => ss && { stateSystem: ss.stateSystem, worker: ss.worker },
    timeZone: cfg.FACILITY_TIME_ZONE,
    ...(publicUrl ? { publicUrl } : {}),
  });
  return [stateSystem, receiving];
}

/**
 * The embedded broker refuses anonymous clients once logins are on, the hub's own client included:
 * without MQTT_USERNAME/MQTT_PASSWORD the hub gives itself a random login for this run.
 */
function withHubBrokerLogin(cfg: HubConfig): HubConfig {
  if (cfg.MQTT_URL || (cfg.MQTT_USERNAME && cfg.MQTT_PASSWORD)) return cfg;
  return Object.freeze({ ...cfg, MQTT_USERNAME: "vaultline-hub", MQTT_PASSWORD: randomBytes(24).toString("base64url") });
}

export function composeHub(base: HubConfig, deps: ComposeDeps): ComposedHub {
  const cfg = withHubBrokerLogin(base);
  const hubMqtt = cfg.MQTT_USERNAME && cfg.MQTT_PASSWORD ? { username: cfg.MQTT_USERNAME, password: cfg.MQTT_PASSWORD } : undefined;
  const https = Boolean(cfg.HUB_TLS_CERT && cfg.HUB_TLS_KEY);
  const logins = createHubLogins({ log: deps.log, https, automationToken: cfg.HUB_API_TOKEN, hubMqtt }, deps.beforeStart);
  return {
    cfg,
    logins: logins.auth,
    options: {
      log: deps.log,
      ...logins.startOptions,
      modules: [...productModules(cfg, deps.publicUrl ?? (() => cfg.HUB_PUBLIC_URL)), ...(deps.modules ?? [])],
    },
  };
}
