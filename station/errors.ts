/** Error codes the station raises; each is logged with its code. */
export type StationErrorCode =
  | "CONFIG_INVALID"
  | "PORT_IN_USE"
  | "STORE_CORRUPT"
  | "STORE_WRITE_FAILED"
  /** The station's disk (or its quota) is full: nothing new can be recorded until space is freed. */
  | "STORE_FULL"
  | "SCAN_REJECTED"
  | "MQTT_PUBLISH_FAILED"
  | "MQTT_MESSAGE_INVALID";

/** The station's one error class: a message for people, a code for logs and tests. */
export class StationError extends Error {
  readonly context: Record<string, unknown> | undefined;

  constructor(message: string, readonly code: StationErrorCode, opts: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: opts.cause });
    this.name = "StationError";
    this.context = opts.context;
  }
}

/** True when retrying later can succeed (the broker or the disk may come back). */
export function isRecoverable(e: unknown): boolean {
  return e instanceof StationError && (e.code === "MQTT_PUBLISH_FAILED" || e.code === "STORE_WRITE_FAILED" || e.code === "STORE_FULL");
}
