import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Low } from "lowdb";
import type { Logger } from "pino";
import type { Employee, Item, Package } from "#contract/domain.js";
import type { Manifest } from "#contract/receiving.js";
import type { RestockRequest } from "#contract/restock.js";
import type { AnyCommand } from "#contract/validate.js";
import type { AdjustmentReasonsPayload } from "#contract/vault-ops.js";
import { DurableJsonFile, readOrSetAside } from "./durable-file.js";

/**
 * The vault replica: the hub's catalog (items, packages) and employee list, as last pushed.
 * It is the big file (a 10,000-package vault is about 3 MB, 33 ms a write), so it is written only
 * when a command changes it, never on a scan.
 */
export interface ReplicaData {
  items: Item[];
  packages: Package[];
  employees: Employee[];
  /** Manifests open for receiving at this store, as the hub last offered them. */
  manifests?: Manifest[];
  /** Open restock requests of this store with their pick lists, as the hub last sent them. */
  restocks?: RestockRequest[];
  /** The site's state-system adjustment reasons and waste methods, as the hub last sent them. */
  adjustmentReasons?: AdjustmentReasonsPayload;
  /** Id of the last applied command of each name (UUIDv7, sorts by time). */
  lastApplied: Record<string, string>;
}

/** Whether a hub command changed the replica, and why not when it did not. */
export type ApplyResult = { applied: true } | { applied: false; reason: string };

/** What the kiosk shows for a package label the replica knows. */
export interface PackageView {
  label: string;
  itemName: string;
  location: string;
  status: Package["status"];
}

const empty = (): ReplicaData => ({ items: [], packages: [], employees: [], lastApplied: {} });

/** The vault replica with in-memory indexes by label, item id and badge. */
export class Replica {
  private readonly items = new Map<string, Item>();
  private readonly packages = new Map<string, Package>();
  private readonly badges = new Map<string, Employee>();

  private constructor(
    private readonly db: Low<ReplicaData>,
    private readonly log: Logger,
  ) {}

  /** Opens (or creates) the replica file. */
  static async open(deps: { file: string; log: Logger }): Promise<Replica> {
    await mkdir(dirname(deps.file), { recursive: true });
    const db = new Low<ReplicaData>(new DurableJsonFile<ReplicaData>(deps.file), empty());
    const aside = await readOrSetAside(db, deps.file);
    if (aside)
      deps.log.error(
        { file: deps.file, movedTo: aside, code: "STORE_CORRUPT" },
        "replica unreadable: set aside, waiting for the hub's catalog and employees",
      );
    db.data = { ...empty(), ...db.data };
    const replica = new Replica(db, deps.log);
    replica.reindex();
    return replica;
  }

  /** Package and item for a label, when the replica knows it. */
  lookup(label: string): PackageView | undefined {
    const pkg = this.packages.get(label);
    if (!pkg) return undefined;
    return {
      label,
      itemName: this.items.get(pkg.itemId)?.name ?? pkg.itemId,
      location: pkg.location,
      status: pkg.status,
    };
  }

  /** A package with its item, as the vault operations need them (unit, weighing, tare). */
  packageWithItem(label: string): { pkg: Package; item: Item | undefined } | undefined {
    const pkg = this.packages.get(label);
    return pkg ? { pkg, item: this.items.get(pkg.itemId) } : undefined;
  }

  /** The adjustment reasons and waste methods the hub last sent (empty lists before the first). */
  adjustmentReasons(): AdjustmentReasonsPayload {
    return this.db.data.adjustmentReasons ?? { reasons: [], wasteMethods: [] };
  }

  /** Active employee carrying this badge code. */
  employeeByBadge(badge: string): Employee | undefined {
    const e = this.badges.get(badge);
    return e?.active ? e : undefined;
  }

  employeeById(id: string): Employee | undefined {
    return this.db.data.employees.find((e) => e.id === id);
  }

  get packageCount(): number {
    return this.packages.size;
  }

  get employeeCount(): number {
    return this.db.data.employees.length;
  }

  /**
   * Applies a hub command once, in id order: an id not newer than the last applied one of the
   * same name is ignored, so a redelivery or a late duplicate changes nothing.
   */
  async apply(cmd: AnyCommand): Promise<ApplyResult> {
    const last = this.db.data.lastApplied[cmd.name];
    if (last !== undefined && cmd.id <= last) {
      return { applied: false, reason: `command ${cmd.id} is not newer than ${last}` };
    }
    // A shallow copy is enough: the command's arrays are fresh from JSON and replace ours whole.
    const next: ReplicaData = { ...this.db.data, lastApplied: { ...this.db.data.lastApplied } };
    if (cmd.name === "catalog") applyCatalog(next, cmd.payload);
    else if (cmd.name === "employees") next.employees = cmd.payload.employees;
    else if (cmd.name === "manifests") next.manifests = cmd.payload.manifests;
    else if (cmd.name === "restock") next.restocks = cmd.payload.requests;
    else if (cmd.name === "adjustment-reasons") next.adjustmentReasons = cmd.payload;
    next.lastApplied[cmd.name] = cmd.id;
    // Only swap in the new data once it is on disk: a failed write leaves the old replica whole.
    const previous = this.db.data;
    this.db.data = next;
    try {
      await this.db.write();
    } catch (e) {
      this.db.data = previous;
      throw e;
    }
    this.reindex();
    this.log.info(
      { cmd: cmd.name, id: cmd.id, packages: this.packages.size, employees: next.employees.length },
      "command applied",
    );
    return { applied: true };
  }

  private reindex(): void {
    this.items.clear();
    this.packages.clear();
    this.badges.clear();
    for (const i of this.db.data.items) this.items.set(i.id, i);
    for (const p of this.db.data.packages) this.packages.set(p.label, p);
    for (const e of this.db.data.employees) this.badges.set(e.badge, e);
  }
}

type CatalogPayload = Extract<AnyCommand, { name: "catalog" }>["payload"];

function applyCatalog(data: ReplicaData, p: CatalogPayload): void {
  if (p.mode === "replace") {
    data.items = p.items;
    data.packages = p.packages;
    return;
  }
  const items = new Map(data.items.map((i) => [i.id, i]));
  for (const i of p.items) items.set(i.id, i);
  const packages = new Map(data.packages.map((x) => [x.label, x]));
  for (const x of p.packages) packages.set(x.label, x);
  for (const label of p.removedLabels ?? []) packages.delete(label);
  data.items = [...items.values()];
  data.packages = [...packages.values()];
}
