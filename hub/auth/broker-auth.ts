import type { AedesOptions, AuthenticateError } from "aedes";
import type { Logger } from "pino";
import { mayPublish, maySubscribe, stationClientId, type BrokerIdentity } from "./broker-acl.js";
import { verifyMosquittoPassword } from "./mosquitto-hash.js";
import type { AuthStore } from "./store.js";
import { sameSecret } from "./tokens.js";

export interface BrokerAuthDeps {
  store: AuthStore;
  log: Logger;
  /** The hub's own MQTT login (MQTT_USERNAME / MQTT_PASSWORD); unset means no hub login over the network. */
  hub?: { username: string; password: string } | undefined;
}

/** MQTT 3.1.1 CONNACK return codes (spec §3.2.2.3). */
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

const refused = (message: string, returnCode: number): AuthenticateError =>
  Object.assign(new Error(message), { returnCode: returnCode as AuthenticateError["returnCode"] });

/** The three aedes options this module fills in (pass them to Aedes.createBroker). */
export type BrokerAuthHooks = Required<Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe">>;
type Client = Parameters<BrokerAuthHooks["authenticate"]>[0];

/**
 * aedes hooks for the embedded broker: anonymous clients are refused, the hub logs in with its
 * configured credentials, each station with the credentials `station add` issued, and every
 * publish and subscribe is checked against broker-acl.ts. Passwords never reach a log line.
 */
export function createBrokerAuth(deps: BrokerAuthDeps): BrokerAuthHooks {
  const log = deps.log.child({ mod: "broker-auth" });
  const identities = new WeakMap<Client, BrokerIdentity>();

  async function identify(clientId: string, username: string, password: string): Promise<BrokerIdentity | string> {
    if (deps.hub && username === deps.hub.username) {
      return sameSecret(password, deps.hub.password) ? { kind: "hub", username } : "wrong password";
    }
    const cred = await deps.store.findStationCredential(username);
    if (!cred || !(await verifyMosquittoPassword(password, cred.password_hash)))
      return "unknown station or wrong password";
    if (clientId !== stationClientId(cred.station_id))
      return `station must connect with client id "${stationClientId(cred.station_id)}"`;
    return { kind: "station", stationId: cred.station_id };
  }

  return {
    authenticate(client, username, password, done) {
      if (!username || !password) {
        log.warn({ clientId: client.id }, "anonymous MQTT client refused");
        return done(refused("anonymous clients are refused", NOT_AUTHORIZED), false);
      }
      identify(client.id, username, password.toString("utf8")).then(
        (who) => {
          if (typeof who === "string") {
            log.warn({ clientId: client.id, username, reason: who }, "MQTT login refused");
            return done(refused(who, BAD_USERNAME_OR_PASSWORD), false);
          }
          identities.set(client, who);
          done(null, true);
        },
        (err: unknown) => {
          log.error({ clientId: client.id, username, err: (err as Error).message }, "MQTT login check failed");
          done(refused("credential check failed", NOT_AUTHORIZED), false);
        },
      );
    },
    authorizePublish(client, packet, callback) {
      if (!client) return callback(null);
      const who = identities.get(client);
      if (who && mayPublish(who, packet.topic)) return callback(null);
      log.warn({ clientId: client.id, topic: packet.topic }, "MQTT publish refused by ACL");
      callback(new Error(`publish to ${packet.topic} not allowed`));
    },
    authorizeSubscribe(client, subscription, callback) {
      const who = identities.get(client);
      if (who && maySubscribe(who, subscription.topic)) return callback(null, subscription);
      log.warn({ clientId: client.id, topic: subscription.topic }, "MQTT subscription refused by ACL");
      callback(null, null);
    },
  };
}
