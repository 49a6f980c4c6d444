import { z } from "zod";
import { StationError } from "#station/errors.js";
import { parseSlice, sliceInput, sliceVariable } from "../config-slice.js";
import type { ConfigSlice } from "../workflow.js";
import { defaultWeightTolerance } from "./weight.js";

const NAME_GRAMS = 'each container as name:grams, e.g. "Mylar bag 1 lb:9"';
const ContainerSchema = z.object({
  name: z.string().trim().min(1, NAME_GRAMS).max(60),
  tareGrams: z.coerce.number({ error: NAME_GRAMS }).min(0, NAME_GRAMS).max(20_000),
});

/** "Mylar bag 1 lb:9, Glass jar:212" (name:grams, comma-separated), or the same as a JSON list of { name, tareGrams }. */
const ContainersSchema = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  return v
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(":");
      const grams = at < 0 ? "" : entry.slice(at + 1).trim();
      return { name: at < 0 ? entry : entry.slice(0, at), tareGrams: grams === "" ? Number.NaN : grams };
    });
}, z.array(ContainerSchema));

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
  notShelves: z
    .string()
    .default("Sales Floor")
    .transform((v) =>
      v
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  /** RECEIVE_EMPTY_BELOW_GRAMS: a stable reading at or below this is an empty platform, grams. */
  emptyBelowGrams: z.coerce.number().min(0).default(2),
  /**
   * RECEIVE_CONFIRM_BELOW_PCT: a corrected quantity below this percent of the shipped one is
   * accepted only once confirmed (2 for 24 is more often a slip than a short delivery).
   */
  confirmBelowPct: z.coerce.number().min(0).max(100).default(50),
  /**
   * RECEIVE_CONTAINERS: containers the coordinator may weigh a package in instead of the one its
   * item profile names (their tares, weighed empty at this vault), besides "no container".
   */
  containers: ContainersSchema.default([]),
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
  RECEIVE_CONTAINERS: "containers",
};

/** Receiving's slice of the station config: key `receive`, RECEIVE_* variables. */
export const receiveConfigSlice = { key: "receive", schema: ReceivingConfigSchema, env: ENV } satisfies ConfigSlice<
  typeof ReceivingConfigSchema
>;

/**
 * Reads the receiving settings from the environment alone (the station's `loadConfig` reads
 * the same slice together with the rest of the configuration).
 * @throws StationError CONFIG_INVALID naming each bad variable.
 */
export function loadReceivingConfig(env: NodeJS.ProcessEnv = process.env): ReceivingConfig {
  const parsed = parseSlice(receiveConfigSlice, sliceInput(receiveConfigSlice, env));
  if (!parsed.ok) {
    const issues = parsed.issues.map(
      (i) => `${sliceVariable(receiveConfigSlice, String(i.path[0]), env) ?? String(i.path[0])}: ${i.message}`,
    );
    throw new StationError(`invalid receiving configuration: ${issues.join("; ")}`, "CONFIG_INVALID", {
      context: { issues },
    });
  }
  return Object.freeze(parsed.value);
}
