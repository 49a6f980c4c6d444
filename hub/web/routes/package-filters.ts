import { z } from "zod";
import { labStates, packageStatuses } from "#contract/domain.js";
import type { PackageFilter } from "../../ledger/package-list.js";

/** Rows per page of the packages list (and the API's default). */
export const PAGE_SIZE = 50;
const MAX_PAGE = 500;

const blank = (v: unknown) => (v === "" ? undefined : v);

/** The packages list's query: filters, `after` (the last label of the page before) and `limit`. */
export const PackageQuery = z.object({
  item: z.preprocess(blank, z.string().trim().max(120, "item: at most 120 characters").optional()),
  location: z.preprocess(blank, z.string().max(120, "location: at most 120 characters").optional()),
  status: z.preprocess(
    blank,
    z.enum(packageStatuses, { message: `status: one of ${packageStatuses.join(", ")}` }).optional(),
  ),
  labState: z.preprocess(blank, z.enum(labStates, { message: `labState: one of ${labStates.join(", ")}` }).optional()),
  expiresBy: z.preprocess(blank, z.iso.date({ message: "expiresBy: a day as YYYY-MM-DD" }).optional()),
  sellable: z
    .preprocess(blank, z.enum(["true", "false"], { message: "sellable: true or false" }).optional())
    .transform((v) => (v === undefined ? undefined : v === "true")),
  after: z.preprocess(blank, z.string().max(64).optional()),
  limit: z.preprocess(
    blank,
    z.coerce
      .number({ message: "limit: a number" })
      .int("limit: a whole number")
      .min(1, "limit: at least 1")
      .max(MAX_PAGE, `limit: at most ${MAX_PAGE}`)
      .default(PAGE_SIZE),
  ),
});
export type PackageQuery = z.infer<typeof PackageQuery>;

/** Parses a query string's fields; a refusal names the first bad field in words. */
export function parsePackageQuery(
  raw: Record<string, string>,
): { ok: true; query: PackageQuery } | { ok: false; reason: string } {
  const r = PackageQuery.safeParse(raw);
  return r.success ? { ok: true, query: r.data } : { ok: false, reason: r.error.issues[0]?.message ?? "bad filter" };
}

/** The filter part of a query (without paging). */
export function filterOf(q: PackageQuery): PackageFilter {
  return {
    item: q.item,
    location: q.location,
    status: q.status,
    labState: q.labState,
    expiresBy: q.expiresBy,
    sellable: q.sellable,
  };
}

/** The query string of a filter with `after`, for the pager's links. */
export function queryString(q: PackageQuery, after?: string): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filterOf(q), after }))
    if (v !== undefined && v !== false) p.set(k, String(v));
  if (q.limit !== PAGE_SIZE) p.set("limit", String(q.limit));
  const s = p.toString();
  return s ? `?${s}` : "";
}
