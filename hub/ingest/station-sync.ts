import type { Kysely } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import { commandSchemas, type StationCommand } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import type { Clock } from "../clock.js";
import type { Log } from "../log.js";
import { loadCatalog, upsertItems } from "../ledger/catalog.js";
import { recordPackageChanges, type ChangedBy } from "../ledger/package-state.js";
import { catalogChunks } from "./catalog-chunks.js";
import { listEmployees } from "../ledger/employees.js";
import { listStationsOfSites, stationSiteId } from "../ledger/stations.js";
import type { SiteDirectory } from "../sites/directory.js";
import type { Database } from "../store/database.js";

/** What hub → station commands need. */
export interface StationSyncDeps {
  db: Kysely<Database>;
  /** The sites served: a station gets its own site's catalog, a site's change goes to its stations only. */
  sites: SiteDirectory;
  /** QoS 1 publish of a hub → station message. */
  publish(topic: string, payload: string): Promise<void>;
  log: Log;
  clock: Pick<Clock, "now">;
}

/** What changed in one site's catalog, for an `upsert` to that site's stations. */
export interface CatalogChange {
  /** The site whose catalog changed. */
  site: string;
  items?: Item[];
  packages?: Package[];
  removedLabels?: string[];
}

/** Who made a catalog change and why, for the ledger's movements, adjustments and audit entries. */
export interface CatalogChangeBy {
  /** Default: the hub itself (`system`). */
  by?: ChangedBy;
  /** Why packages moved, in the ledger's words. Default `catalog.change`. */
  why?: string;
  /** The state system's reason (and a note) for packages whose quantity changes; the ledger refuses such a change without one. */
  adjustment?: { reason: string; note?: string };
}

/** Hub → station commands: full sync on connect, catalog upserts later. */
export interface StationSync {
  /**
   * Sends a station the `employees` command and a `catalog` replace built from its site's part of
   * the ledger (split into a replace and following upserts when the vault is larger than one
   * MQTT packet allows).
   */
  sendFull(stationId: string): Promise<void>;
  /**
   * Sends a catalog `upsert` with what changed to every online station of the change's site (or
   * the ones named). Other hub modules call this after they change packages or items.
   */
  publishCatalogChange(change: CatalogChange, stationIds?: readonly string[]): Promise<void>;
  /**
   * Writes changed items and packages to the ledger in one transaction (packages through the
   * ledger: a movement for each one moved, an adjustment for each quantity changed, each with its
   * audit entry), then publishes the upsert to every online station. Removed labels are only
   * published: the ledger keeps the package (its status says why it left the vault) and its history.
   */
  applyCatalogChange(change: CatalogChange & CatalogChangeBy): Promise<void>;
}

/** Hub → station commands; each is validated against the contract before it leaves. */
export function createStationSync(deps: StationSyncDeps): StationSync {
  const log = deps.log.child({ mod: "station-sync" });
  const at = () => new Date(deps.clock.now()).toISOString();

  async function send<K extends keyof typeof commandSchemas>(
    stationId: string,
    name: K,
    payload: StationCommand<K>["payload"],
  ): Promise<void> {
    const cmd = commandSchemas[name].parse({ id: newId(), name, at: at(), payload });
    await deps.publish(topics.command(stationId, name), JSON.stringify(cmd));
  }

  /** Ids of the online stations of `site` (every online station on a hub without a sites list). */
  async function onlineStationsOf(site: string): Promise<string[]> {
    return (await listStationsOfSites(deps.db, deps.sites, [site])).filter((s) => s.online).map((s) => s.id);
  }

  return {
    async sendFull(stationId) {
      // A station is sent its catalog after its status is stored; one never heard from has no site.
      const site = deps.sites.siteOf((await stationSiteId(deps.db, stationId)) ?? "");
      if (!site) {
        log.warn({ stationId }, "station of a site this hub does not serve: no employees or catalog sent");
        return;
      }
      const employees = await listEmployees(deps.db);
      const { items, packages } = await loadCatalog(deps.db, site.id);
      await send(stationId, "employees", { employees });
      const parts = catalogChunks({ mode: "replace", items, packages });
      for (const part of parts) await send(stationId, "catalog", part);
      log.info(
        {
          stationId,
          site: site.id,
          employees: employees.length,
          items: items.length,
          packages: packages.length,
          commands: parts.length + 1,
        },
        "station sent employees and catalog",
      );
    },
    async publishCatalogChange(change, stationIds) {
      const targets = stationIds ?? (await onlineStationsOf(change.site));
      const parts = catalogChunks({
        mode: "upsert",
        items: change.items ?? [],
        packages: change.packages ?? [],
        ...(change.removedLabels?.length ? { removedLabels: change.removedLabels } : {}),
      });
      await Promise.all(
        targets.map(async (id) => {
          for (const part of parts) await send(id, "catalog", part);
        }),
      );
    },
    async applyCatalogChange(change) {
      const updatedAt = at();
      await deps.db.transaction().execute(async (trx) => {
        if (change.items?.length) await upsertItems(trx, change.site, change.items, updatedAt);
        await recordPackageChanges(
          trx,
          change.site,
          (change.packages ?? []).map(({ label, ...to }) => ({
            label,
            to,
            at: updatedAt,
            why: change.why ?? "catalog.change",
            by: change.by ?? { actor: "system" },
            source: { kind: "catalog" },
            ...(change.adjustment ? { adjustment: change.adjustment } : {}),
          })),
        );
      });
      await this.publishCatalogChange(change);
    },
  };
}
