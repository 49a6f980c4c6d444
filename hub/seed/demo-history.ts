/**
 * The demo store's packages entered through the ledger with the history they would have: each
 * received from a manifest into a vault shelf by a coordinator, the floor's packages moved to the
 * sales floor, and every demo sale taken off its package as an adjustment by the budtender who
 * sold it. The final state is the demo store's, so the simulator and the ledger agree.
 */
import type { Kysely } from "kysely";
import type { Package } from "#contract/domain.js";
import { recordPackageChanges, type PackageChange } from "#hub/ledger/package-state.js";
import type { Database } from "#hub/store/database.js";
import type { DemoStore } from "./demo-store.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sold quantity and sales per label, oldest first. */
function salesByLabel(store: DemoStore): Map<string, { at: string; quantity: number; receipt: string; by: string }[]> {
  const out = new Map<string, { at: string; quantity: number; receipt: string; by: string }[]>();
  for (const sale of store.sales) {
    for (const line of sale.lines) {
      const list = out.get(line.label) ?? [];
      list.push({ at: sale.at, quantity: line.quantity, receipt: sale.receiptNumber, by: sale.budtenderId });
      out.set(line.label, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.at.localeCompare(b.at));
  return out;
}

/** A demo manifest number per packaging week (10 digits, as METRC's). */
const manifestOf = (p: Package) =>
  `00008${String(Math.floor(Date.parse(p.packagedDate) / (7 * DAY)) % 100_000).padStart(5, "0")}`;

function changesFor(
  p: Package,
  i: number,
  store: DemoStore,
  sales: { at: string; quantity: number; receipt: string; by: string }[],
): PackageChange[] {
  const coordinators = store.employees.filter((e) => e.role === "coordinator");
  const receiver = coordinators[i % coordinators.length]!;
  const sold = sales.reduce((n, s) => n + s.quantity, 0);
  const firstSale = sales[0] ? Date.parse(sales[0].at) : Infinity;
  const receivedMs = Math.min(Date.parse(p.packagedDate) + DAY + 16 * HOUR, firstSale - DAY);
  const onFloor = p.location === "Sales Floor";
  const shelf = store.locations.filter((l) => l.kind === "vault")[i % 24]!.name;
  const { label, ...rest } = p;
  const received: PackageChange = {
    label,
    at: new Date(receivedMs).toISOString(),
    why: "receiving.accepted",
    to: { ...rest, quantity: Math.round((p.quantity + sold) * 100) / 100, location: onFloor ? shelf : p.location },
    by: { actor: receiver.id, employeeId: receiver.id },
    source: { kind: "manifest", ref: manifestOf(p) },
  };
  const out: PackageChange[] = [received];
  if (onFloor) {
    out.push({
      label,
      at: new Date(receivedMs + 2 * HOUR).toISOString(),
      why: "restock",
      to: { location: "Sales Floor" },
      by: { actor: receiver.id, employeeId: receiver.id },
    });
  }
  let left = received.to.quantity!;
  for (const s of sales) {
    left = Math.round((left - s.quantity) * 100) / 100;
    out.push({
      label,
      at: s.at,
      why: "sold",
      to: { quantity: left },
      adjustment: { reason: "sold", note: `receipt ${s.receipt}` },
      by: { actor: s.by, employeeId: s.by },
    });
  }
  return out;
}

/** Enters every demo package through the ledger with its history (items and employees must be in the ledger first). */
export async function seedDemoHistory(db: Kysely<Database>, site: string, store: DemoStore): Promise<void> {
  const sales = salesByLabel(store);
  const changes = store.packages.flatMap((p, i) => changesFor(p, i, store, sales.get(p.label) ?? []));
  changes.sort((a, b) => a.at.localeCompare(b.at));
  await recordPackageChanges(db, site, changes);
}
