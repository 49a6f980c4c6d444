import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { auditModule } from "./audit/module.js";
import { loginsModule, type LoginsModule } from "./auth/module.js";
import { countsSlice } from "./counts/config.js";
import { countsModule } from "./counts/module.js";
import { doorModule } from "./door/module.js";
import type { HubConfig } from "./config.js";
import type { StartOptions } from "./main.js";
import { investigationsSlice } from "./investigations/config.js";
import { investigationsModule } from "./investigations/module.js";
import type { HubModule } from "./modules.js";
import { posSlice } from "./pos/config.js";
import { chainModule } from "./chain/module.js";
import { posModule, posUploadLimits } from "./pos/module.js";
import { quarantineModule } from "./quarantine/module.js";
import { receivingModule } from "./receiving/module.js";
import { restockModule } from "./restock/module.js";
import { reportsModule, reportsSlice } from "./reports/module.js";
import { reconcileSlice } from "./reconcile/config.js";
import { reconcileModule } from "./reconcile/module.js";
import { splitModule } from "./split/module.js";
import { stateSystemSlice } from "./statesystem/config.js";
import { stateSystemModule } from "./statesystem/module.js";
import { wasteModule } from "./waste/module.js";

/**
 * The hub as it runs in production and in the demo: logins and roles on the dashboard and API,
 * station logins and ACLs on the embedded broker, the state system (queue, sync, /statesystem
 * screen), receiving and POS import (whose uploads get a larger body limit). Each module gets its
 * slice of the configuration and declares what it provides and needs; startHub orders and wires
 * them. Tests start bare hubs with startHub directly; everything a person uses starts through here.
 */
export interface ComposedHub {
  /** The configuration to start with: the hub's own broker login is filled in when unset. */
  cfg: HubConfig;
  options: StartOptions;
  logins: LoginsModule["auth"];
}

export interface ComposeDeps {
  log: Logger;
  /** The dashboard's address as people reach it, for links sent to kiosks (COA documents). */
  publicUrl?: () => string | undefined;
  /** Work after migrations and before the broker opens (demo seeding). */
  beforeStart?: StartOptions["beforeStart"];
  /** More modules, started after the product's (or before, when they provide what those use). */
  modules?: HubModule[];
}

/** The state system, receiving and POS import, each from its slice of the configuration (the sites, each with its time zone, come with the hub's context). */
export function productModules(cfg: HubConfig, publicUrl?: () => string | undefined): HubModule[] {
  return [
    stateSystemModule(stateSystemSlice(cfg)),
    receivingModule(publicUrl ? { publicUrl } : {}),
    posModule(posSlice(cfg)),
    investigationsModule(investigationsSlice(cfg)),
    auditModule(),
    restockModule(),
    quarantineModule(),
    chainModule(),
    countsModule(countsSlice(cfg)),
    reportsModule(reportsSlice(cfg)),
    reconcileModule(reconcileSlice(cfg)),
    wasteModule(),
    splitModule(),
    doorModule(),
  ];
}

/**
 * The embedded broker refuses anonymous clients once logins are on, the hub's own client included:
 * without MQTT_USERNAME/MQTT_PASSWORD the hub gives itself a random login for this run.
 */
function withHubBrokerLogin(cfg: HubConfig): HubConfig {
  if (cfg.MQTT_URL || (cfg.MQTT_USERNAME && cfg.MQTT_PASSWORD)) return cfg;
  return Object.freeze({
    ...cfg,
    MQTT_USERNAME: "vaultline-hub",
    MQTT_PASSWORD: randomBytes(24).toString("base64url"),
  });
}

/** The logins' slice: HTTPS (Secure cookies, HSTS), the read-only automation token, the hub's own broker login. */
function logins(cfg: HubConfig, log: Logger): LoginsModule {
  const hubMqtt =
    cfg.MQTT_USERNAME && cfg.MQTT_PASSWORD ? { username: cfg.MQTT_USERNAME, password: cfg.MQTT_PASSWORD } : undefined;
  return loginsModule({
    log,
    https: Boolean(cfg.HUB_TLS_CERT && cfg.HUB_TLS_KEY),
    automationToken: cfg.HUB_API_TOKEN,
    hubMqtt,
    uploadLimits: posUploadLimits,
  });
}

export function composeHub(base: HubConfig, deps: ComposeDeps): ComposedHub {
  const cfg = withHubBrokerLogin(base);
  const auth = logins(cfg, deps.log);
  return {
    cfg,
    logins: auth.auth,
    options: {
      log: deps.log,
      ...(deps.beforeStart ? { beforeStart: deps.beforeStart } : {}),
      modules: [auth, ...productModules(cfg, deps.publicUrl ?? (() => cfg.HUB_PUBLIC_URL)), ...(deps.modules ?? [])],
    },
  };
}
