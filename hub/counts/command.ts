/**
 * The `count` command: one station's open counts (a full list each time; a count missing from it
 * is closed at the station), with the packages to count, their items and how to count them, and
 * the labels asked for a recount with who may not do it. Never a quantity: the count is blind
 * (contract/counting.ts refuses one at the schema).
 */
import type { CountAssignment, CountItem } from "#contract/counting.js";
import type { Unit } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import { commandSchemas, type StationCommand } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import type { Log } from "#hub/log.js";
import type { Db } from "#hub/store/database.js";
import { employeeNames } from "./reads.js";
import type { CountLinesTable, CountSessionsTable } from "./tables.js";

/** Past this a command may not pass Mosquitto's default message size limit: logged. */
const LARGE_COMMAND_BYTES = 240_000;

const round = (v: number | null) => (v === null ? undefined : Number(v));

/** One count as the station gets it, from its session and lines (unexpected finds are not listed). */
export function assignmentOf(
  s: CountSessionsTable,
  lines: readonly CountLinesTable[],
  names: ReadonlyMap<string, string>,
): CountAssignment {
  const items = new Map<string, CountItem>();
  const listed = lines.filter((l) => Number(l.unexpected) === 0 && l.item_id !== null);
  for (const l of listed) {
    if (items.has(l.item_id!)) continue;
    const unitWeightGrams = round(l.unit_weight_grams);
    const containerTareGrams = round(l.container_tare_grams);
    items.set(l.item_id!, {
      itemId: l.item_id!,
      itemName: l.item_name,
      unit: l.unit as Unit,
      countBy: l.count_by,
      ...(unitWeightGrams !== undefined ? { unitWeightGrams } : {}),
      ...(containerTareGrams ? { containerTareGrams } : {}),
    });
  }
  const recount = lines
    .filter((l) => Number(l.needs_recount) === 1)
    .map((l) => {
      const name = names.get(l.first_counted_by ?? "");
      return { label: l.label, countedBy: l.first_counted_by ?? "unknown", ...(name ? { countedByName: name } : {}) };
    });
  return {
    countSessionId: s.id,
    title: s.title,
    kind: s.kind,
    businessDay: s.business_day,
    round: Number(s.round),
    items: [...items.values()],
    lines: listed.map((l) => ({ label: l.label, itemId: l.item_id!, location: l.location })),
    ...(Number(s.round) > 1 ? { recount } : {}),
  };
}

/** The command for `stationId`: its open counts at `site`. */
export async function countCommandFor(
  db: Db,
  site: string,
  stationId: string,
  at: string,
): Promise<StationCommand<"count">> {
  const sessions = await db
    .selectFrom("count_sessions")
    .selectAll()
    .where("site_id", "=", site)
    .where("station_id", "=", stationId)
    .where("status", "in", ["counting", "recount"])
    .orderBy("created_at")
    .execute();
  const counts: CountAssignment[] = [];
  for (const s of sessions) {
    const lines = await db
      .selectFrom("count_lines")
      .selectAll()
      .where("site_id", "=", site)
      .where("count_id", "=", s.id)
      .execute();
    const names = await employeeNames(
      db,
      lines.map((l) => l.first_counted_by ?? ""),
    );
    counts.push(assignmentOf(s, lines, names));
  }
  return commandSchemas.count.parse({ id: newId(), name: "count", at, payload: { counts } });
}

/** Sends `stationId` its open counts, QoS 1. */
export async function sendCounts(
  deps: { db: Db; log: Log; publish(topic: string, payload: string): Promise<void> },
  site: string,
  stationId: string,
  at: string,
): Promise<void> {
  const cmd = await countCommandFor(deps.db, site, stationId, at);
  const body = JSON.stringify(cmd);
  if (Buffer.byteLength(body) > LARGE_COMMAND_BYTES)
    deps.log.warn(
      { site, stationId, bytes: Buffer.byteLength(body), code: "MQTT_PUBLISH" },
      "count command past a broker's default size limit",
    );
  await deps.publish(topics.command(stationId, "count"), body);
  deps.log.info({ site, stationId, counts: cmd.payload.counts.length }, "counts sent to the station");
}
