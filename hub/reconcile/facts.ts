/**
 * What a run compares, gathered from the sources (sources.ts) for one site and business day, as
 * plain data: classify.ts turns it into difference lines without I/O.
 */
import { VARIANCE_CLASSES, type VarianceClass } from "#hub/modules.js";
import { metrcUnit } from "#hub/pos/sale-line.js";

/** Net quantity per label and unit (METRC unit name): sold minus returned, voids left out. */
export type NetByLabel = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** Why a package could not be sold when it was. */
export type UnsellableWhy = "quarantine" | "on-hold" | "failed-lab";

export interface DayFacts {
  /** The POS's sales of the day. */
  pos: NetByLabel;
  /** The state system's sales receipts of the day (voided receipts left out). */
  state: NetByLabel;
  /** Labels the POS sold that the state system has no package for. */
  unknownSold: ReadonlySet<string>;
  /** Packages on hand in the ledger (or found by a count) that the state system has no package for, with the ledger's figure. */
  unknownVault: readonly { label: string; ledger: number | null }[];
  /** On hand in the ledger while the state system lists the package as inactive. */
  notInState: readonly { label: string; ledger: number }[];
  /** Active in the state system, on hand there, and not found by the last full count (none without a full count). */
  notInVault: readonly { label: string; ledger: number | null }[];
  /** Sale lines made while the package was quarantined, on hold or failed lab. */
  unsellable: readonly { label: string; why: UnsellableWhy; quantity: number }[];
  /** Packages received that day at another quantity or unit than the manifest shipped. */
  receiving: readonly {
    label: string;
    manifest: string;
    shipped: number;
    shippedUnit: string;
    received: number;
    receivedUnit: string;
  }[];
  /** The last count of each counted package, against the ledger's figure when it was counted. */
  physical: readonly { label: string; counted: number; book: number; unit: string }[];
  /** Active state-system labels, for the likely intended package of an unknown tag. */
  activeLabels: readonly string[];
}

/** One difference, as the CLI and GET /api/reconciliations print it. */
export interface DiffLine {
  label: string;
  class: VarianceClass;
  pos: number | null;
  state: number | null;
  ledger: number | null;
  physical: number | null;
  fix: string;
}

/** The classes in the order a run lists them (hub/modules.ts VARIANCE_CLASSES). */
export const CLASS_ORDER: readonly VarianceClass[] = VARIANCE_CLASSES;

/** The METRC unit name of a unit as a source spells it (`ea`, `g`, `Grams`); unknown spellings as given. */
export const unitName = (raw: string): string => metrcUnit(raw) ?? raw;
