import { eventSchemas, type EventPayload } from "#contract/messages.js";
import { quarantineLabel, shelfLabel } from "#station/devices/index.js";
import type { ReceiveEffect, ReceivingState } from "./machine.js";
import type { ReceiveTask } from "./journal.js";

/** What turning effects into tasks needs besides the effects. */
export interface TaskContext {
  stationId: string;
  siteId: string;
  /** ms since the epoch. */
  at: number;
  employeeId?: string | undefined;
  /** Printed on quarantine labels. */
  employeeName: string;
  newId(): string;
  /** The facility's zone, for times printed on labels. */
  timeZone?: string | undefined;
  /** The scale reading behind a weight effect. */
  scale?: { scaleId: string; raw?: string | undefined } | undefined;
}

function envelope<K extends "receive" | "weight" | "print">(type: K, payload: EventPayload<K>, ctx: TaskContext) {
  return eventSchemas[type].parse({
    id: ctx.newId(),
    type,
    stationId: ctx.stationId,
    siteId: ctx.siteId,
    at: new Date(ctx.at).toISOString(),
    ...(ctx.employeeId ? { employeeId: ctx.employeeId } : {}),
    payload,
  });
}

/**
 * Turns a step's effects into tasks with their ids and rendered labels fixed, ready to be
 * journaled with the input: publish events go to the outbox, labels to the printer.
 */
export function tasksFor(effects: readonly ReceiveEffect[], s: ReceivingState, ctx: TaskContext): ReceiveTask[] {
  const ids = { manifestNumber: s.manifest.manifestNumber, receivingId: s.receivingId };
  return effects.map((e): ReceiveTask => {
    switch (e.type) {
      case "publish-line":
        return { kind: "event", env: envelope("receive", { action: "line", ...ids, line: e.line }, ctx) };
      case "publish-completed":
        return { kind: "event", env: envelope("receive", { action: "completed", ...ids, lines: e.lines }, ctx) };
      case "publish-rejected-manifest":
        return {
          kind: "event",
          env: envelope("receive", { action: "rejected-manifest", ...ids, reason: e.reason }, ctx),
        };
      case "publish-removed":
        return {
          kind: "event",
          env: envelope("receive", { action: "scan-removed", ...ids, label: e.label, scans: e.scans }, ctx),
        };
      case "publish-weight":
        return {
          kind: "event",
          env: envelope(
            "weight",
            {
              scaleId: ctx.scale?.scaleId ?? "scale",
              grams: e.grossGrams,
              stable: true,
              overload: false,
              ...(ctx.scale?.raw ? { raw: ctx.scale.raw.slice(0, 200) } : {}),
              label: e.label,
              sessionId: s.receivingId,
            },
            ctx,
          ),
        };
      case "print-shelf":
        return {
          kind: "print",
          print: {
            id: ctx.newId(),
            template: "shelf",
            label: e.label,
            zpl: shelfLabel({ locationCode: e.location, locationName: e.location, itemName: shelfLine(e) }).toString(),
          },
        };
      case "print-quarantine":
        return {
          kind: "print",
          print: {
            id: ctx.newId(),
            template: "quarantine",
            label: e.label,
            zpl: quarantineLabel({
              uid: e.label,
              productName: e.itemName,
              reason: e.reason,
              at: new Date(ctx.at).toISOString(),
              employeeName: ctx.employeeName,
              ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
            }).toString(),
          },
        };
    }
  });
}

/** The item line of a shelf label: the item and its place ("Bulk GG4 · front of 3"); a 2 in label has room for little more. */
function shelfLine(e: Extract<ReceiveEffect, { type: "print-shelf" }>): string {
  const where = e.placement.startsWith(`${e.location}, `) ? e.placement.slice(e.location.length + 2) : "";
  return where ? `${e.itemName} · ${where}` : e.itemName;
}

/** The print event for a finished label job (contract PrintPayload). */
export function printEvent(
  r: { printerId: string; template: "shelf" | "quarantine"; label: string; ok: boolean; error?: string | undefined },
  ctx: TaskContext,
) {
  return envelope(
    "print",
    { printerId: r.printerId, template: r.template, label: r.label, ok: r.ok, ...(r.error ? { error: r.error } : {}) },
    ctx,
  );
}

/** Id of a task, for `done` lines. */
export function taskId(t: ReceiveTask): string {
  return t.kind === "event" ? t.env.id : t.print.id;
}
