import { readFile } from "node:fs/promises";
import type { Logger } from "pino";
import type { Item, Package } from "#contract/domain.js";
import type { RestockRequest } from "#contract/restock.js";
import type { ScannedPackage } from "./machine.js";

/**
 * What restock reads of `replica.json`: the open requests the hub last sent, the packages (for a
 * scanned package's item, shelf, status, lab state and dates) and the items (names, the ask form).
 * Read again after each `restock` or `catalog` command, never on a scan.
 */
export class RestockReplica {
  private packages = new Map<string, Package>();
  private items = new Map<string, Item>();
  private requestList: RestockRequest[] = [];

  constructor(private readonly deps: { file: string; log: Logger }) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(await readFile(this.deps.file, "utf8")) as {
        packages?: Package[];
        items?: Item[];
        restocks?: RestockRequest[];
      };
      this.packages = new Map((data.packages ?? []).map((p) => [p.label, p]));
      this.items = new Map((data.items ?? []).map((i) => [i.id, i]));
      this.requestList = data.restocks ?? [];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT")
        this.deps.log.warn({ err: (err as Error).message, code: "STORE_CORRUPT" }, "replica not readable for restock");
    }
  }

  requests(): RestockRequest[] {
    return this.requestList;
  }

  itemList(): Item[] {
    return [...this.items.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  scanned(label: string): ScannedPackage | undefined {
    const p = this.packages.get(label);
    if (!p) return undefined;
    return { ...p, itemName: this.items.get(p.itemId)?.name ?? p.itemId };
  }
}
