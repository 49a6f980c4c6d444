import { z } from "zod";
import { IdSchema, SiteIdSchema, StationIdSchema } from "./ids.js";
import { IdText } from "./text.js";

/**
 * Every station → hub message travels in this envelope. `id` is a UUIDv7: the hub stores each
 * id once, so replays from the outbox and broker redeliveries are harmless.
 */
export function envelopeOf<T extends z.ZodType, K extends string>(type: K, payload: T) {
  return z.object({
    id: IdSchema,
    type: z.literal(type),
    stationId: StationIdSchema,
    siteId: SiteIdSchema,
    at: z.iso.datetime({ offset: true }),
    employeeId: IdText.optional(),
    payload,
  });
}

export interface Envelope<K extends string = string, P = unknown> {
  id: string;
  type: K;
  stationId: string;
  siteId: string;
  at: string;
  employeeId?: string | undefined;
  payload: P;
}

/** Hub → station commands: idempotent, applied in id order (UUIDv7 sorts by time). */
export function commandOf<T extends z.ZodType, K extends string>(name: K, payload: T) {
  return z.object({
    id: IdSchema,
    name: z.literal(name),
    at: z.iso.datetime({ offset: true }),
    payload,
  });
}
