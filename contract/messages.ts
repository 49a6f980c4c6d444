import { z } from "zod";
import { BarcodeClassSchema } from "./barcode.js";
import { DeviceStatusSchema, EmployeeSchema, ItemSchema, PackageSchema } from "./domain.js";
import { commandOf, envelopeOf } from "./envelope.js";
import { CountCommandPayload } from "./counting.js";
import { ManifestsPayload, ReceivePayload } from "./receiving.js";
import { QuarantineEventPayload } from "./quarantine.js";
import { RestockCommandPayload, RestockEventPayload } from "./restock.js";
import { GS } from "./gs1.js";
import { AdjustmentReasonsPayload, SplitPayload, WastePayload } from "./vault-ops.js";
import { IdText, text, TEXT_MAX } from "./text.js";

/** Where a scan was made: the workflow on screen when it arrived. */
export const workflows = [
  "idle",
  "sign-in",
  "lookup",
  "receive",
  "count",
  "restock",
  "quarantine",
  "waste",
  "split",
] as const;

/**
 * Control characters a scanned code carries on purpose: GS (FNC1 as scanners transmit it, see
 * gs1.ts) and the RS / EOT framing an ISO/IEC 15434 message envelope. Every other one is refused.
 */
const SCANNED_SEPARATORS = `${GS}\u001e\u0004`;

export const ScanPayload = z.object({
  /** The decoded text exactly as scanned (terminator removed). */
  code: text(512, { min: 1, allow: SCANNED_SEPARATORS }),
  /** Which scanner read it, e.g. "scanner-1" or the HID path's stable name. */
  scannerId: IdText,
  classification: BarcodeClassSchema,
  workflow: z.enum(workflows),
  /** Open workflow session (receive manifest, count session…), when there is one. */
  sessionId: IdText.optional(),
  /** Door session the scan happened in, when the vault door was open. */
  doorSessionId: IdText.optional(),
});

export const WeightPayload = z.object({
  scaleId: IdText,
  grams: z.number(),
  stable: z.boolean(),
  overload: z.boolean(),
  /** The scale's own line as received, for the audit trail. */
  raw: text(200).optional(),
  /** Package the weight was taken for, when a workflow asked for it. */
  label: text(TEXT_MAX.label).optional(),
  sessionId: IdText.optional(),
});

export const CountPayload = z.object({
  countSessionId: IdText,
  label: text(TEXT_MAX.label, { min: 1 }),
  quantity: z.number().nonnegative(),
  unit: text(TEXT_MAX.short, { min: 1 }),
  method: z.enum(["scan", "weight", "manual"]),
  /** False when a listed package was not found at the vault (quantity 0). */
  found: z.boolean().optional(),
  /** Found in the vault but not on the count's list: recorded, never dropped. */
  unexpected: z.boolean().optional(),
  /** 1 for the first count, 2 onwards for a recount the hub asked for. */
  round: z.number().int().min(1).optional(),
  /** How many lines this round's submission holds: the hub closes the round once it has them all. */
  roundLines: z.number().int().min(1).optional(),
  /** Gross on the scale and the container tare subtracted, grams, when weighed. */
  grossGrams: z.number().optional(),
  tareGrams: z.number().nonnegative().optional(),
});

export const DoorPayload = z.object({
  doorId: IdText,
  open: z.boolean(),
  doorSessionId: IdText,
  /** Set on the alarm event when the door stayed open past the configured limit. */
  heldOpenAlarm: z.boolean().optional(),
});

export const PrintPayload = z.object({
  printerId: IdText,
  template: z.enum(["package", "shelf", "quarantine", "waste"]),
  label: text(TEXT_MAX.label).optional(),
  ok: z.boolean(),
  error: text(TEXT_MAX.prose).optional(),
});

/** Station → hub events, one schema per event type; the map IS the contract. */
export const eventSchemas = {
  scan: envelopeOf("scan", ScanPayload),
  weight: envelopeOf("weight", WeightPayload),
  count: envelopeOf("count", CountPayload),
  door: envelopeOf("door", DoorPayload),
  print: envelopeOf("print", PrintPayload),
  receive: envelopeOf("receive", ReceivePayload),
  restock: envelopeOf("restock", RestockEventPayload),
  quarantine: envelopeOf("quarantine", QuarantineEventPayload),
  waste: envelopeOf("waste", WastePayload),
  split: envelopeOf("split", SplitPayload),
} as const;

export type EventSchemas = typeof eventSchemas;
export type StationEvent<K extends keyof EventSchemas = keyof EventSchemas> = z.infer<EventSchemas[K]>;
export type EventPayload<K extends keyof EventSchemas> = StationEvent<K>["payload"];

/** Retained station status. The last will is the same message with `online: false`. */
export const StationStatus = envelopeOf(
  "state",
  z.object({
    online: z.boolean(),
    version: text(TEXT_MAX.short).optional(),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    outboxDepth: z.number().int().nonnegative().optional(),
    signedIn: z
      .object({ employeeId: IdText, name: text(TEXT_MAX.name) })
      .nullable()
      .optional(),
    devices: z.array(DeviceStatusSchema).optional(),
    /** True while the station's disk is full: it refuses new scans and still delivers what it holds. */
    diskFull: z.boolean().optional(),
    /**
     * Journal lines the station could not replay (corrupt, or not a valid event) and moved to
     * side files in its data folder (`<journal>.set-aside`), for whoever investigates.
     */
    setAside: z
      .object({
        lines: z.number().int().nonnegative(),
        files: z.array(z.string().min(1).max(200)).max(50),
        latestReason: z.string().max(1000).optional(),
      })
      .optional(),
  }),
);
export type StationStatus = z.infer<typeof StationStatus>;

/** Hub → station: these event ids are stored in the ledger; the outbox may drop them. */
export const HubAck = z.object({
  ids: z.array(IdText).min(1).max(10_000),
  at: z.iso.datetime({ offset: true }),
});
export type HubAck = z.infer<typeof HubAck>;

export const CatalogPayload = z.object({
  /** "replace" sends the whole vault; "upsert" only what changed. */
  mode: z.enum(["replace", "upsert"]),
  items: z.array(ItemSchema),
  packages: z.array(PackageSchema),
  removedLabels: z.array(text(TEXT_MAX.label)).optional(),
});

export const EmployeesPayload = z.object({ employees: z.array(EmployeeSchema) });

export const commandSchemas = {
  catalog: commandOf("catalog", CatalogPayload),
  employees: commandOf("employees", EmployeesPayload),
  manifests: commandOf("manifests", ManifestsPayload),
  restock: commandOf("restock", RestockCommandPayload),
  count: commandOf("count", CountCommandPayload),
  "adjustment-reasons": commandOf("adjustment-reasons", AdjustmentReasonsPayload),
} as const;
export type CommandSchemas = typeof commandSchemas;
export type StationCommand<K extends keyof CommandSchemas = keyof CommandSchemas> = z.infer<CommandSchemas[K]>;
