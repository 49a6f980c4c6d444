import type { Logger } from "pino";
import { newId } from "#contract/ids.js";
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { Clock } from "#station/clock.js";
import type { WeightRead } from "#station/devices/index.js";

/** A weight event as it sits in the outbox and goes to the hub. */
export type WeightEnvelope = StationEvent<"weight">;

export interface WeightRecorderDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  outbox: { append(env: WeightEnvelope): Promise<void> };
  employeeId(): string | undefined;
  /** True while a workflow (a manifest being received…) records its own weighings, with their package and session. */
  workflowOwnsScale(): boolean;
  log: Logger;
}

/** Readings closer than this to the last recorded one are the same weight, grams. */
const SAME_WEIGHT_GRAMS = 0.01;

/**
 * Weighings outside a workflow as physical facts: each new stable reading of a scale (a package
 * put on the bench, waste weighed) becomes one weight event in the outbox. Unstable readings and a
 * stable reading repeated by a streaming scale are not facts and are not recorded.
 */
export class WeightRecorder {
  private readonly lastGrams = new Map<string, number>();

  constructor(private readonly deps: WeightRecorderDeps) {}

  /** Records the reading when it is a new stable weight; resolves once it is durable. */
  async onWeight(read: WeightRead): Promise<WeightEnvelope | undefined> {
    if (!read.stable || this.deps.workflowOwnsScale()) return undefined;
    const last = this.lastGrams.get(read.scaleId);
    if (last !== undefined && Math.abs(last - read.grams) < SAME_WEIGHT_GRAMS) return undefined;
    const employeeId = this.deps.employeeId();
    const env = eventSchemas.weight.parse({
      id: newId(),
      type: "weight",
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: new Date(this.deps.clock.now()).toISOString(),
      ...(employeeId ? { employeeId } : {}),
      payload: {
        scaleId: read.scaleId,
        grams: read.grams,
        stable: true,
        overload: read.overload,
        ...(read.raw ? { raw: read.raw.slice(0, 200) } : {}),
      },
    });
    await this.deps.outbox.append(env);
    this.lastGrams.set(read.scaleId, read.grams);
    return env;
  }
}
