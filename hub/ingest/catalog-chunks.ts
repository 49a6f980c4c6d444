import type { z } from "zod";
import type { CatalogPayload } from "#contract/messages.js";

type Catalog = z.infer<typeof CatalogPayload>;

/**
 * Largest catalog payload per command, bytes of JSON. The production Mosquitto refuses packets
 * over 256 KiB (firmware-config/broker/mosquitto.conf, max_packet_size) and drops the sender's
 * connection, so a 10,000-package vault travels as several commands with room for the envelope.
 */
export const MAX_CATALOG_BYTES = 192 * 1024;

const byteLength = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/**
 * Splits a catalog command payload into parts that each fit `maxBytes`. The first part keeps the
 * mode ("replace" empties the station's replica first); the rest are "upsert", applied in order
 * right after it. Items come before packages so a package's item is always known when it lands.
 */
export function catalogChunks(catalog: Catalog, maxBytes = MAX_CATALOG_BYTES): Catalog[] {
  const parts: Catalog[] = [];
  let current: Catalog = { mode: catalog.mode, items: [], packages: [] };
  let size = byteLength(current);
  const startNew = () => {
    parts.push(current);
    current = { mode: "upsert", items: [], packages: [] };
    size = byteLength(current);
  };
  const add = (bytes: number, put: () => void, empty: boolean) => {
    if (!empty && size + bytes + 1 > maxBytes) startNew();
    put();
    size += bytes + 1;
  };
  const isEmpty = () => current.items.length === 0 && current.packages.length === 0 && !current.removedLabels?.length;
  for (const item of catalog.items) add(byteLength(item), () => current.items.push(item), isEmpty());
  for (const pkg of catalog.packages) add(byteLength(pkg), () => current.packages.push(pkg), isEmpty());
  for (const label of catalog.removedLabels ?? []) {
    add(
      byteLength(label) + (current.removedLabels ? 0 : 20),
      () => (current.removedLabels ??= []).push(label),
      isEmpty(),
    );
  }
  parts.push(current);
  return parts;
}
