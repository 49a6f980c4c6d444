import { hashMosquittoPassword } from "./mosquitto-hash.js";
import type { AuthStore } from "./store.js";

/**
 * Files for a production Mosquitto, rendered from the hub's database: the password file lists the
 * hub and every station with its `$7$` hash, the ACL is firmware-config/broker/acl with the hub's
 * username filled in.
 */
export async function renderPasswordFile(
  store: AuthStore,
  hub: { username: string; password: string },
): Promise<string> {
  const lines = [`${hub.username}:${await hashMosquittoPassword(hub.password)}`];
  for (const c of await store.listStationCredentials()) lines.push(`${c.username}:${c.password_hash}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The Mosquitto ACL. Why `pattern` lines: Mosquitto substitutes %u with the connecting username,
 * and a station's username is its id, so four lines confine every station to its own topics.
 */
export function renderAcl(hubUsername: string): string {
  return [
    "# Vaultline broker ACL (Mosquitto 2). Anonymous clients are refused in mosquitto.conf.",
    "# The hub may publish and subscribe everything under the station root.",
    `user ${hubUsername}`,
    "topic readwrite vault/v1/station/#",
    "",
    "# A station's username is its station id: it publishes its state and events only,",
    "# and reads only its own acknowledgements and commands.",
    "pattern write vault/v1/station/%u/state",
    "pattern write vault/v1/station/%u/event/+",
    "pattern read vault/v1/station/%u/ack",
    "pattern read vault/v1/station/%u/cmd/+",
    "",
  ].join("\n");
}
