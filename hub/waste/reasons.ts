/**
 * The `adjustment-reasons` command: each site's state-system adjustment reasons (as the last sync
 * stored them) and the waste methods, sent to the site's stations when they come online and after
 * each sync of the site, so the kiosk offers exactly the reasons the state takes.
 */
import { newId } from "#contract/ids.js";
import { commandSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { listStationsOfSites } from "#hub/ledger/stations.js";
import { siteReasons, type VaultOpsDeps } from "./context.js";

/**
 * How waste is made unusable and unrecognisable, as METRC's `/wastemethods/v2` names them for
 * product destruction (metrc-api.md: Grinder, Compost, Incinerator); the port reads no list of
 * its own yet, so these are offered.
 */
export const WASTE_METHODS = ["Grinder", "Compost", "Incinerator", "Mixed with non-cannabis waste"] as const;

export interface ReasonsSender {
  /** Sends the site's reasons to one station. */
  sendTo(site: string, stationId: string): Promise<void>;
  /** Sends the site's reasons to each of its stations online now. */
  refresh(site: string): Promise<void>;
}

export function reasonsSender(
  deps: VaultOpsDeps & { publish(topic: string, payload: string): Promise<void> },
): ReasonsSender {
  const send = async (site: string, stationIds: readonly string[]) => {
    if (stationIds.length === 0) return;
    const reasons = await siteReasons(deps.db, site);
    const cmd = commandSchemas["adjustment-reasons"].parse({
      id: newId(),
      name: "adjustment-reasons",
      at: new Date(deps.clock.now()).toISOString(),
      payload: { reasons, wasteMethods: [...WASTE_METHODS] },
    });
    for (const id of stationIds) await deps.publish(topics.command(id, "adjustment-reasons"), JSON.stringify(cmd));
  };
  return {
    sendTo: (site, stationId) => send(site, [stationId]),
    async refresh(site) {
      const online = (await listStationsOfSites(deps.db, deps.sites, [site])).filter((s) => s.online).map((s) => s.id);
      await send(site, online);
    },
  };
}
