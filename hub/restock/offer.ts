/**
 * Sends one site's open restock requests, each with its pick list, to that site's stations with
 * the `restock` command: the full list each time (a request missing from it is closed or
 * withdrawn at the station). Sent when the list changed and to a station coming online.
 */
import { createHash } from "node:crypto";
import { newId } from "#contract/ids.js";
import { commandSchemas } from "#contract/messages.js";
import type { RestockRequest } from "#contract/restock.js";
import { topics } from "#contract/topics.js";

export interface RestockOfferDeps {
  publish(topic: string, payload: string): Promise<void>;
  now(): number;
}

/** Sends `requests` to `stations` unless the same list went out last (`force` sends anyway). */
export function createRestockOffer(deps: RestockOfferDeps) {
  let last: string | null = null;
  const send = async (stationId: string, requests: RestockRequest[]) => {
    const cmd = commandSchemas.restock.parse({
      id: newId(),
      name: "restock",
      at: new Date(deps.now()).toISOString(),
      payload: { requests },
    });
    await deps.publish(topics.command(stationId, "restock"), JSON.stringify(cmd));
  };
  return {
    async refresh(stations: readonly string[], requests: RestockRequest[], force = false): Promise<boolean> {
      const hash = createHash("sha256").update(JSON.stringify(requests)).digest("hex");
      if (hash === last && !force) return false;
      for (const id of stations) await send(id, requests);
      last = hash;
      return true;
    },
    sendTo: send,
  };
}
