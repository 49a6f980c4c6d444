import { z } from "zod";
import type { ConfigSlice } from "../workflow.js";

/** Quarantine settings: the quarantine shelf's location name. */
export const QuarantineConfigSchema = z.object({
  /** QUARANTINE_LOCATION: where held packages go (the hub's and receiving's quarantine location). */
  location: z.string().trim().min(1).max(128).default("Quarantine"),
});
export type QuarantineConfig = Readonly<z.infer<typeof QuarantineConfigSchema>>;

/** Quarantine's slice of the station config: key `quarantine`. */
export const quarantineConfigSlice = {
  key: "quarantine",
  schema: QuarantineConfigSchema,
  env: { QUARANTINE_LOCATION: "location" },
} satisfies ConfigSlice<typeof QuarantineConfigSchema>;
