import { z } from "zod";
import { StationError } from "#station/errors.js";
import { parseSlice, sliceInput, sliceVariable } from "../config-slice.js";
import type { ConfigSlice } from "../workflow.js";
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
  /**
   * RECEIVE_CONFIRM_BELOW_PCT: a corrected quantity below this percent of the shipped one is
   * accepted only once confirmed (2 for 24 is more often a slip than a short delivery).
   */
  confirmBelowPct: z.coerce.number().min(0).max(100).default(50),
});
export type ReceivingConfig = Readonly<z.infer<typeof ReceivingConfigSchema>>;

/** Environment variable of each receiving setting. */
const ENV: Record<string, keyof ReceivingConfig> = {
  RECEIVE_WEIGHT_TOLERANCE_PCT: "tolerancePct",
  RECEIVE_WEIGHT_TOLERANCE_GRAMS: "toleranceGrams",
  RECEIVE_QUARANTINE_LOCATION: "quarantineLocation",
  RECEIVE_DEFAULT_SHELF: "defaultShelf",
  RECEIVE_EMPTY_BELOW_GRAMS: "emptyBelowGrams",
  RECEIVE_NOT_SHELVES: "notShelves",
  RECEIVE_CONFIRM_BELOW_PCT: "confirmBelowPct",
};

/** Receiving's slice of the station config: key `receive`, RECEIVE_* variables. */
export const receiveConfigSlice = { key: "receive", schema: ReceivingConfigSchema, env: ENV } satisfies ConfigSlice<typeof ReceivingConfigSchema>;

/**
 * Reads the receiving settings from the environment alone (the station's `loadConfig` reads
 * the same slice together with the rest of the configuration).
 * @throws StationError CONFIG_INVALID naming each bad variable.
 */
export function loadReceivingConfig(env: NodeJS.ProcessEnv = process.env): ReceivingConfig {
  const parsed = parseSlice(receiveConfigSlice, sliceInput(receiveConfigSlice, env));
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => `${sliceVariable(receiveConfigSlice, String(i.path[0]), env) ?? String(i.path[0])}: ${i.message}`);
    throw new StationError(`invalid receiving configuration: ${issues.join("; ")}`, "CONFIG_INVALID", { context: { issues } });
  }
  return Object.freeze(parsed.value);
}
