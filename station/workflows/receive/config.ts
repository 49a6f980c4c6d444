import { z } from "zod";
import { defaultWeightTolerance } from "./weight.js";

/** Receiving settings; each comes from an environment variable with a sensible default. */
export const ReceivingConfigSchema = z.object({
  /** RECEIVE_WEIGHT_TOLERANCE_PCT: allowed net-weight difference, percent of the shipped weight. */
  tolerancePct: z.coerce.number().min(0).max(50).default(defaultWeightTolerance.pct),
  /** RECEIVE_WEIGHT_TOLERANCE_GRAMS: allowed difference at least this, grams (the larger of the two applies). */
  toleranceGrams: z.coerce.number().min(0).max(1000).default(defaultWeightTolerance.grams),
  /** RECEIVE_QUARANTINE_LOCATION: where rejected and unexpected packages go. */
  quarantineLocation: z.string().min(1).default("Quarantine"),
  /** RECEIVE_DEFAULT_SHELF: shelf for an item whose item and category are nowhere in the vault yet. */
  defaultShelf: z.string().min(1).default("Vault Intake"),
  /**
   * RECEIVE_NOT_SHELVES: locations that are not vault shelves (comma-separated), where received
   * stock never goes even when the same item sits there: the sales floor is stocked by restocking.
   */
  notShelves: z.string().default("Sales Floor").transform((v) => v.split(",").map((x) => x.trim()).filter(Boolean)),
  /** RECEIVE_EMPTY_BELOW_GRAMS: a stable reading at or below this is an empty platform, grams. */
  emptyBelowGrams: z.coerce.number().min(0).default(2),
});
export type ReceivingConfig = Readonly<z.infer<typeof ReceivingConfigSchema>>;

const ENV: Record<string, keyof ReceivingConfig> = {
  RECEIVE_WEIGHT_TOLERANCE_PCT: "tolerancePct",
  RECEIVE_WEIGHT_TOLERANCE_GRAMS: "toleranceGrams",
  RECEIVE_QUARANTINE_LOCATION: "quarantineLocation",
  RECEIVE_DEFAULT_SHELF: "defaultShelf",
  RECEIVE_EMPTY_BELOW_GRAMS: "emptyBelowGrams",
  RECEIVE_NOT_SHELVES: "notShelves",
};

/**
 * Reads the receiving settings from the environment.
 * @throws Error naming each bad variable.
 */
export function loadReceivingConfig(env: NodeJS.ProcessEnv = process.env): ReceivingConfig {
  const raw: Record<string, string> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const v = env[name];
    if (v !== undefined && v !== "") raw[key] = v;
  }
  const parsed = ReceivingConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(ENV).map(([n, k]) => [k, n]));
    throw new Error(`invalid receiving configuration: ${parsed.error.issues.map((i) => `${byKey[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("; ")}`);
  }
  return Object.freeze(parsed.data);
}
