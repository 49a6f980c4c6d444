import { readFileSync, statSync } from "node:fs";
import type { Logger } from "pino";
import type { Item, Package } from "#contract/domain.js";
import type { Manifest } from "#contract/receiving.js";
import type { ReplicaData } from "#station/store/replica.js";
import type { ShelvedPackage } from "./location.js";

/** What shelf placement needs to know about the vault. */
export interface VaultShelves {
  /** Packages on sellable shelves (not in quarantine, not finished). */
  shelved(): readonly ShelvedPackage[];
  /** Category of an item, when the catalog knows it. */
  categoryOf(itemId: string): string | undefined;
}

/** The replica as receiving reads it: shelves, and the manifests the hub offers. */
export interface ReplicaView extends VaultShelves {
  manifests(): readonly Manifest[];
}

/** Builds the shelf view from catalog arrays; inactive packages and the `notShelves` locations (quarantine, sales floor) are left out. */
export function shelvesFrom(
  items: readonly Item[],
  packages: readonly Package[],
  notShelves: readonly string[],
): { shelved: ShelvedPackage[]; categories: Map<string, string> } {
  const categories = new Map(items.map((i) => [i.id, i.category]));
  const excluded = new Set(notShelves);
  const shelved = packages
    .filter((p) => p.status === "active" && !excluded.has(p.location))
    .map((p) => ({
      label: p.label,
      itemId: p.itemId,
      location: p.location,
      packagedDate: p.packagedDate,
      expirationDate: p.expirationDate,
    }));
  return { shelved, categories };
}

interface Snapshot {
  mtimeMs: number;
  shelved: ShelvedPackage[];
  categories: Map<string, string>;
  manifests: Manifest[];
}

/**
 * Reads shelves and offered manifests from the replica file, parsing it again only when it
 * changed (a hub command arrived). It is read when the manifest list is shown, a manifest is
 * opened or a package accepted — never per scan — so the big file's parse (tens of ms for a
 * 10,000-package vault, once per catalog change) stays off the scan path.
 */
export function replicaFileView(deps: { file: string; notShelves: readonly string[]; log: Logger }): ReplicaView {
  let cached: Snapshot = { mtimeMs: -1, shelved: [], categories: new Map(), manifests: [] };
  const snapshot = (): Snapshot => {
    let mtimeMs = 0;
    try {
      mtimeMs = statSync(deps.file).mtimeMs;
    } catch {
      mtimeMs = 0;
    }
    if (cached.mtimeMs === mtimeMs) return cached;
    try {
      const data = mtimeMs === 0 ? {} : (JSON.parse(readFileSync(deps.file, "utf8")) as Partial<ReplicaData>);
      cached = {
        mtimeMs,
        ...shelvesFrom(data.items ?? [], data.packages ?? [], deps.notShelves),
        manifests: data.manifests ?? [],
      };
    } catch (err) {
      deps.log.warn({ err, file: deps.file }, "replica unreadable for receiving: no manifests, default shelf");
      cached = { mtimeMs, shelved: [], categories: new Map(), manifests: [] };
    }
    return cached;
  };
  return {
    shelved: () => snapshot().shelved,
    categoryOf: (itemId) => snapshot().categories.get(itemId),
    manifests: () => snapshot().manifests,
  };
}
