/**
 * `POST /packages/v2/` in the simulator: new packages made from ingredient packages, with
 * METRC's checks. Every row is checked first (fresh tag, known item and location, units that
 * fit, ingredients that hold enough across all rows) and nothing is applied unless all pass.
 */
import { UNITS, type SimPackage } from "./model.js";
import type { SimState } from "./state.js";
import { activePackage, str, validated, type Row, type WriteResult } from "./writes.js";

interface Ingredient {
  pkg: SimPackage;
  /** In the ingredient package's own unit. */
  take: number;
}

interface NewPackage {
  tag: string;
  itemId: number;
  quantity: number;
  unit: string;
  location: string;
  date: string;
  note: string | null;
  ingredients: Ingredient[];
}

function ingredientsOf(state: SimState, r: Row, taken: Map<string, number>): Ingredient[] | string {
  const list = Array.isArray(r.Ingredients) ? (r.Ingredients as Row[]) : [];
  if (list.length === 0) return "At least one ingredient package is required.";
  const out: Ingredient[] = [];
  for (const ing of list) {
    const pkg = activePackage(state, ing.Package);
    if (typeof pkg === "string") return pkg;
    const q = ing.Quantity;
    const unit = str(ing.UnitOfMeasure);
    const given = unit ? UNITS[unit] : undefined;
    const own = UNITS[pkg.unit];
    if (typeof q !== "number" || !(q > 0)) return `Ingredient quantity for package ${pkg.label} must be above zero.`;
    if (!given || !own || given.type !== own.type)
      return `Unit of measure ${unit ?? "(none)"} does not match package ${pkg.label}, which is measured in ${pkg.unit}.`;
    const take = (q * given.toBase) / own.toBase;
    const already = taken.get(pkg.label) ?? 0;
    if (pkg.quantity - already - take < -1e-9)
      return `Package ${pkg.label} does not hold enough: ${pkg.quantity} ${pkg.unit} on hand, ${already + take} ${pkg.unit} asked.`;
    taken.set(pkg.label, already + take);
    out.push({ pkg, take });
  }
  return out;
}

function checkRow(state: SimState, r: Row, tags: Set<string>, taken: Map<string, number>): NewPackage | string {
  const tag = str(r.Tag);
  if (!tag) return "Tag is required.";
  if (state.packages.has(tag) || tags.has(tag)) return `Tag ${tag} is already in use.`;
  const item = state.itemByName(str(r.Item) ?? "");
  if (!item) return `Item ${str(r.Item) ?? "(none)"} is not valid for this facility.`;
  const loc = str(r.Location);
  const location = loc ? state.locations.get(loc.toLowerCase()) : undefined;
  if (!location) return `Location ${loc ?? "(none)"} is not valid for this facility.`;
  const q = r.Quantity;
  if (typeof q !== "number" || !(q > 0)) return "Quantity must be above zero.";
  const unit = str(r.UnitOfMeasure);
  const given = unit ? UNITS[unit] : undefined;
  if (!unit || !given) return `Unit of measure ${unit ?? "(none)"} is not valid.`;
  if (given.type !== item.quantityType) return `Unit of measure ${unit} does not fit item ${item.name}.`;
  const date = str(r.ActualDate);
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return "ActualDate is required (YYYY-MM-DD).";
  const ingredients = ingredientsOf(state, r, taken);
  if (typeof ingredients === "string") return ingredients;
  tags.add(tag);
  return {
    tag,
    itemId: item.id,
    quantity: q,
    unit,
    location: location.name,
    date: date.slice(0, 10),
    note: str(r.Note),
    ingredients,
  };
}

/** POST /packages/v2/ — each new package takes its ingredients' quantities out of them. */
export function createPackages(state: SimState, rows: Row[]): WriteResult {
  const tags = new Set<string>();
  const taken = new Map<string, number>();
  return validated(
    rows,
    (r) => checkRow(state, r, tags, taken),
    (ok) =>
      ok.map((n) => {
        for (const i of n.ingredients) {
          i.pkg.quantity = Math.round((i.pkg.quantity - i.take) * 1e6) / 1e6;
          state.touch(i.pkg);
        }
        const source = n.ingredients[0]!.pkg;
        const pkg: SimPackage = {
          id: state.id(),
          label: n.tag,
          itemId: n.itemId,
          quantity: n.quantity,
          unit: n.unit,
          location: n.location,
          note: n.note,
          packagedDate: n.date,
          // A package made from tested product carries its source's lab results.
          labState: source.labState,
          onHold: false,
          finishedDate: null,
          manifestNumber: null,
          receivedAt: null,
          lastModified: state.clock.now(),
        };
        state.packages.set(pkg.label, pkg);
        state.packagesById.set(pkg.id, pkg);
        return pkg.id;
      }),
  );
}
