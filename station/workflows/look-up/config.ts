import { z } from "zod";
import type { ConfigSlice } from "../workflow.js";

/** Look-up settings: where the hub's JSON API is, and how long to wait for it. */
export const LookUpConfigSchema = z.object({
  /** HUB_URL: the hub's base URL (`http://hub.local:8080`); unset, look-up answers from the replica alone. */
  hubUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, "HUB_URL must start with http:// or https://")
    .optional(),
  /** HUB_API_TOKEN: read-only bearer token the hub accepts on /api (the hub's HUB_API_TOKEN or an API token). */
  hubToken: z.string().min(8, "HUB_API_TOKEN needs at least 8 characters").optional(),
  /** LOOKUP_HUB_TIMEOUT_MS: longest wait for the hub before answering from the replica, ms. */
  hubTimeoutMs: z.coerce.number().int().min(100).max(30_000).default(2000),
});
export type LookUpConfig = Readonly<z.infer<typeof LookUpConfigSchema>>;

/** Look-up's slice of the station config: key `lookup`. */
export const lookUpConfigSlice = {
  key: "lookup",
  schema: LookUpConfigSchema,
  env: { HUB_URL: "hubUrl", HUB_API_TOKEN: "hubToken", LOOKUP_HUB_TIMEOUT_MS: "hubTimeoutMs" },
} satisfies ConfigSlice<typeof LookUpConfigSchema>;
