import type { Employee, Item, Package, Role } from "#contract/domain.js";
import { hashPin } from "#contract/pin.js";
import { demoItemSeeds } from "./catalog.js";
import { seededRng, type Rng } from "./random.js";

/**
 * A realistic, deterministic demo store: one California retailer with ~40 items, ~500 packages with
 * valid 24-character METRC tags, vault shelves, a sales floor, quarantine, a handful of employees
 * with badges and PINs, and 30 days of POS sales. The demo, the METRC simulator and the benchmarks
 * all build from this, so every part of the demo tells the same story.
 */
export interface DemoSite {
  id: string;
  name: string;
  /** METRC facility license number. */
  licenseNumber: string;
  /** IANA zone; METRC takes SalesDateTime in facility local time. */
  timezone: string;
}

export interface DemoLocation {
  name: string;
  kind: "vault" | "sales-floor" | "quarantine";
}

export interface DemoEmployee extends Employee {
  /** The PIN in clear, for the demo's sign-in hint only; stations get `pinHash`. */
  pin: string;
}

export interface DemoSaleLine {
  label: string;
  itemId: string;
  quantity: number;
  unit: Package["unit"];
  /** Price in cents, tax excluded. */
  priceCents: number;
}

export interface DemoSale {
  receiptNumber: string;
  /** ISO instant of the sale. */
  at: string;
  budtenderId: string;
  lines: DemoSaleLine[];
}

export interface DemoStore {
  site: DemoSite;
  items: Item[];
  packages: Package[];
  locations: DemoLocation[];
  employees: DemoEmployee[];
  sales: DemoSale[];
}

export interface DemoStoreOptions {
  seed?: number;
  packages?: number;
  days?: number;
  /** The demo's "today"; history runs back from it. */
  now?: Date;
}

/** Tags read `1A4` + `0603` + the facility's 8-hex tag-order owner + a 9-digit sequence. */
const TAG_PREFIX = "1A4060300012B7C";

export function demoTag(sequence: number): string {
  return `${TAG_PREFIX}${String(sequence).padStart(9, "0")}`;
}

function gtinFor(index: number): string {
  const body = `0085000${String(100 + index).padStart(6, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(body.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const demoLocations: DemoLocation[] = [
  ...["A", "B", "C", "D"].flatMap((row) =>
    [1, 2, 3, 4, 5, 6].map((n) => ({ name: `Vault ${row}-${n}`, kind: "vault" as const })),
  ),
  { name: "Sales Floor", kind: "sales-floor" },
  { name: "Quarantine", kind: "quarantine" },
];

const staff: Array<[string, Role, string]> = [
  ["Dana Reyes", "coordinator", "1111"],
  ["Marcus Lee", "coordinator", "2222"],
  ["Priya Shah", "budtender", "3333"],
  ["Jordan Kim", "budtender", "4444"],
  ["Alex Moreno", "manager", "5555"],
  ["Sam Whitfield", "auditor", "6666"],
  ["Terry Okafor", "admin", "7777"],
];

function buildEmployees(): DemoEmployee[] {
  return staff.map(([name, role, pin], i) => ({
    id: `emp-${String(i + 1).padStart(3, "0")}`,
    name,
    role,
    pin,
    badge: `EMP-${String(i + 1).padStart(4, "0")}`,
    pinHash: hashPin(pin),
    active: true,
  }));
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function buildPackage(rng: Rng, item: Item, seq: number, now: Date): Package {
  const ageDays = rng.int(2, 120);
  const packaged = new Date(now.getTime() - ageDays * 86_400_000);
  const shelfLife = item.category === "edible" || item.category === "vape" ? 365 : undefined;
  const roll = rng.next();
  const quarantined = roll < 0.02;
  const onFloor = !quarantined && roll < 0.3;
  const quantity = item.weightBased ? Math.round(rng.int(600, 4536) * 10) / 100 : rng.int(4, 96);
  return {
    label: demoTag(seq),
    itemId: item.id,
    quantity,
    unit: item.unit,
    location: quarantined
      ? "Quarantine"
      : onFloor
        ? "Sales Floor"
        : rng.pick(demoLocations.filter((l) => l.kind === "vault")).name,
    status: quarantined ? "quarantine" : "active",
    labState: quarantined ? "TestFailed" : "TestPassed",
    packagedDate: isoDay(packaged),
    ...(shelfLife ? { expirationDate: isoDay(new Date(packaged.getTime() + shelfLife * 86_400_000)) } : {}),
    batch: `${(item.strain ?? item.category)
      .replace(/[^A-Za-z]/g, "")
      .slice(0, 3)
      .toUpperCase()}-${packaged.toISOString().slice(2, 7).replace("-", "")}-${String(rng.int(1, 40)).padStart(2, "0")}`,
  };
}

function buildSales(rng: Rng, packages: Package[], employees: DemoEmployee[], days: number, now: Date): DemoSale[] {
  const sellable = packages.filter((p) => p.location === "Sales Floor" && p.status === "active");
  const budtenders = employees.filter((e) => e.role === "budtender");
  const sales: DemoSale[] = [];
  for (let day = days; day >= 1; day--) {
    const open = new Date(now.getTime() - day * 86_400_000);
    open.setUTCHours(17, 0, 0, 0);
    const receipts = rng.int(60, 120);
    for (let r = 0; r < receipts; r++) {
      const at = new Date(open.getTime() + rng.int(0, 11 * 3600) * 1000);
      const lines = Array.from({ length: rng.int(1, 4) }, () => {
        const p = rng.pick(sellable);
        const quantity = p.unit === "Grams" ? rng.pick([3.5, 7, 14, 28]) : rng.int(1, 2);
        return {
          label: p.label,
          itemId: p.itemId,
          quantity,
          unit: p.unit,
          priceCents: rng.int(15, 65) * 100 * quantity,
        };
      });
      sales.push({
        receiptNumber: `R${isoDay(at).replaceAll("-", "")}-${String(r + 1).padStart(4, "0")}`,
        at: at.toISOString(),
        budtenderId: rng.pick(budtenders).id,
        lines,
      });
    }
  }
  return sales;
}

/** Builds the demo store. Same options, same store (PIN hashes aside, which are salted). */
export function demoStore(opts: DemoStoreOptions = {}): DemoStore {
  const rng = seededRng(opts.seed ?? 4207);
  const now = opts.now ?? new Date();
  const items: Item[] = demoItemSeeds.map((seed, i) => ({
    ...seed,
    id: `item-${String(i + 1).padStart(3, "0")}`,
    ...(seed.weightBased ? {} : { gtin: gtinFor(i) }),
  }));
  const packages = Array.from({ length: opts.packages ?? 500 }, (_, i) =>
    buildPackage(rng, rng.pick(items), 3001 + i, now),
  );
  const employees = buildEmployees();
  return {
    site: {
      id: "green-leaf-oakland",
      name: "Green Leaf Oakland",
      licenseNumber: "C10-0000123-LIC",
      timezone: "America/Los_Angeles",
    },
    items,
    packages,
    locations: demoLocations,
    employees,
    sales: buildSales(rng, packages, employees, opts.days ?? 30, now),
  };
}
