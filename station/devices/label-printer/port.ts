import type { EventEmitter } from "node:events";
import type { DeviceStatus } from "#contract/domain.js";

/** The label templates the station prints (contract PrintPayload.template). */
export type LabelTemplate = "package" | "shelf" | "quarantine" | "waste";

/** One print job: rendered ZPL plus what it is for. */
export interface PrintJob {
  id: string;
  template: LabelTemplate;
  /** Package UID or location code the label is for. */
  label?: string;
  zpl: string;
}

/** The outcome of a job, published as a print event. */
export interface PrintResult {
  jobId: string;
  printerId: string;
  template: LabelTemplate;
  label?: string;
  ok: boolean;
  /** Why it failed, in words for the kiosk. */
  error?: string;
  attempts: number;
  at: Date;
}

/** A label printer in domain terms. */
export interface Printer {
  readonly id: string;
  readonly events: EventEmitter<{ status: [DeviceStatus]; job: [PrintResult] }>;
  start(): Promise<void>;
  status(): DeviceStatus;
  /**
   * Queues a job and resolves when the printer confirmed it; rejects with a StationError after
   * the retries. A failed job stays in `failed()` until reprinted or dismissed — never dropped.
   */
  print(job: PrintJob): Promise<PrintResult>;
  failed(): PrintJob[];
  /** Sends a failed job again. */
  reprint(jobId: string): Promise<PrintResult>;
  /** Removes a failed job the coordinator chose not to reprint (it is logged). */
  dismiss(jobId: string): boolean;
  close(): Promise<void>;
}
