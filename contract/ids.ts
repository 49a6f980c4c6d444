import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { text, TEXT_MAX } from "./text.js";

/**
 * Event and command ids are UUIDv7: unique across stations and sortable by creation time,
 * so the hub can store each id once and a station can replay its outbox in order.
 */
export function newId(): string {
  return uuidv7();
}

export const IdSchema = z.uuid({ version: "v7" });

/** Station ids go into MQTT topics and broker ACLs: no wildcards, no slashes. */
export const StationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "station id: lowercase letters, digits and dashes, up to 63");
export type StationId = z.infer<typeof StationIdSchema>;

/** Site (licence) ids: up to 64 printable characters. */
export const SiteIdSchema = text(TEXT_MAX.short, { min: 1 });
