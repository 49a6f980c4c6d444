import { stat } from "node:fs/promises";
import type { Logger } from "pino";
import type { Item, Package } from "#contract/domain.js";
import { readIfExists } from "#station/store/durable-file.js";
import type { ReplicaData } from "#station/store/replica.js";
import type { ShelvedPackage } from "#station/workflows/receive-location.js";

/** What shelf placement needs to know about the vault. */
export interface VaultShelves {
  /** Packages on sellable shelves (not in quarantine, not finished). */
  shelved(): Promise<readonly ShelvedPackage[]>;
  /** Category of an item, when the catalog knows it. */
  categoryOf(itemId: string): string | undefined;
}

/** Builds the shelf view from catalog arrays; quarantine and inactive packages are left out. */
export function shelvesFrom(items: readonly Item[], packages: readonly Package[], quarantineLocation: string): { shelved: ShelvedPackage[]; categories: Map<string, string> } {
  const categories = new Map(items.map((i) => [i.id, i.category]));
  const shelved = packages
    .filter((p) => p.status === "active" && p.location !== quarantineLocation)
    .map((p) => ({ label: p.label, itemId: p.itemId, location: p.location, packagedDate: p.packagedDate, expirationDate: p.expirationDate }));
  return { shelved, categories };
}

/**
 * Reads the vault's shelves from the replica file, again only when the file changed (a catalog
 * command arrived). Placement runs once per accepted package, never per scan, so reading the
 * big file here is affordable; the replica's own write path stays untouched.
 */
export function replicaFileShelves(deps: { file: string; quarantineLocation: string; log: Logger }): VaultShelves {
  let cached: { mtimeMs: number; shelved: ShelvedPackage[]; categories: Map<string, string> } | null = null;
  return {
    async shelved() {
      const mtimeMs = await stat(deps.file).then((s) => s.mtimeMs, () => 0);
      if (cached?.mtimeMs === mtimeMs) return cached.shelved;
      try {
        const text = await readIfExists(deps.file);
        const data = text ? (JSON.parse(text) as Partial<ReplicaData>) : {};
        cached = { mtimeMs, ...shelvesFrom(data.items ?? [], data.packages ?? [], deps.quarantineLocation) };
      } catch (err) {
        deps.log.warn({ err, file: deps.file }, "replica unreadable for shelf placement: default shelf used");
        cached = { mtimeMs, shelved: [], categories: new Map() };
      }
      return cached.shelved;
    },
    categoryOf: (itemId) => cached?.categories.get(itemId),
  };
}
