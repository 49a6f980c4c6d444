/**
 * The counts slice of the hub's configuration: `HUB_COUNTS`, a JSON object (or the same key in
 * the HUB_CONFIG file) whose every key is optional; what is left out takes the default below
 * (hub/counts/README.md lists them).
 */
import { z } from "zod";
import { itemCategories } from "#contract/domain.js";

const Pct = z.number().min(0).max(100);
const Weight = z.number().min(0).max(100);
const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export const CountsConfigSchema = z.strictObject({
  /** How much each part weighs in an item's ABC score (normalised to sum 1). */
  weights: z
    .strictObject({ velocity: Weight, value: Weight, risk: Weight })
    .default({ velocity: 0.5, value: 0.3, risk: 0.2 }),
  /** Share of items (by score, highest first) in class A and in class B, percent; the rest are C. */
  classShares: z.strictObject({ a: Pct, b: Pct }).default({ a: 20, b: 30 }),
  /** Diversion risk of each category, 0–1: how readily it walks out of a vault. */
  risk: z.partialRecord(z.enum(itemCategories), z.number().min(0).max(1)).default({
    flower: 1,
    concentrate: 0.9,
    vape: 0.8,
    "pre-roll": 0.6,
    edible: 0.4,
    tincture: 0.3,
    topical: 0.2,
  }),
  /** Days of POS sales behind velocity and unit value. */
  velocityDays: z.number().int().min(1).max(365).default(30),
  /** How often each class is counted. */
  cadence: z
    .strictObject({
      a: z.enum(["month", "quarter", "year"]),
      b: z.enum(["month", "quarter", "year"]),
      c: z.enum(["month", "quarter", "year"]),
    })
    .default({ a: "month", b: "quarter", c: "year" }),
  /** Business days the counts are spread over (facility-local weekdays). */
  businessDays: z.array(z.enum(weekdays)).min(1).default(["mon", "tue", "wed", "thu", "fri", "sat"]),
  /** Allowed difference per class and for weight-counted packages, percent of the expected quantity. */
  tolerancePct: z.strictObject({ a: Pct, b: Pct, c: Pct, weight: Pct }).default({ a: 1, b: 3, c: 5, weight: 3 }),
  /**
   * Categories whose count-based items (with a unit weight in their profile) are counted on the
   * scale: units = net weight ÷ unit weight. Weight-based items (bulk) are always weighed.
   */
  countByWeightCategories: z.array(z.enum(itemCategories)).default(["pre-roll"]),
  /** Create the day's scheduled cycle count by itself (false: only from the dashboard). */
  autoSchedule: z.boolean().default(true),
});
export type CountsConfig = z.infer<typeof CountsConfigSchema>;
export type Weekday = (typeof weekdays)[number];
export { weekdays };

/** The defaults, as the README documents them. */
export const defaultCountsConfig: CountsConfig = CountsConfigSchema.parse({});

/** The counts slice of a loaded hub configuration (HUB_COUNTS; validated when the configuration loaded). */
export function countsSlice(cfg: { HUB_COUNTS?: string | undefined }): CountsConfig {
  return Object.freeze(CountsConfigSchema.parse(cfg.HUB_COUNTS ? JSON.parse(cfg.HUB_COUNTS) : {}));
}

/** Why `text` (HUB_COUNTS) is not a counts configuration, or undefined when it is one. */
export function countsConfigProblem(text: string): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `HUB_COUNTS is not JSON: ${(e as Error).message}`;
  }
  const r = CountsConfigSchema.safeParse(raw);
  return r.success ? undefined : r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
