/**
 * Error codes the station raises; each caught error is logged with its code. Device codes come
 * from the drivers (house style §4), MQTT_* from the bus, STORE_* from the journals and replica.
 */
export type StationErrorCode =
  | "CONFIG_INVALID"
  | "USAGE_INVALID"
  | "PORT_IN_USE"
  | "STORE_CORRUPT"
  | "STORE_WRITE_FAILED"
  /** The station's disk (or its quota) is full: nothing new can be recorded until space is freed. */
  | "STORE_FULL"
  | "SCAN_REJECTED"
  | "MQTT_PUBLISH_FAILED"
  | "MQTT_MESSAGE_INVALID"
  | "DEVICE_NOT_FOUND"
  | "DEVICE_TIMEOUT"
  | "DEVICE_DISCONNECTED"
  | "DEVICE_FAULT"
  | "FRAME_INVALID"
  | "HUB_NOT_ANSWERING";

/**
 * The station's one error class: a message for people, a code for logs and tests, and context
 * (a bad config's `issues`, a print job's id…) for whoever catches it.
 */
export class StationError extends Error {
  override readonly name = "StationError";
  readonly context: Record<string, unknown> | undefined;

  constructor(
    message: string,
    readonly code: StationErrorCode,
    opts: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: opts.cause });
    this.context = opts.context;
  }
}

/**
 * Codes where trying again later can succeed: the broker, the disk, a device (replugged,
 * powered on, paper loaded) or the hub may come back. Bad configuration or input never does.
 */
const RECOVERABLE: ReadonlySet<StationErrorCode> = new Set([
  "MQTT_PUBLISH_FAILED",
  "STORE_WRITE_FAILED",
  "STORE_FULL",
  "DEVICE_NOT_FOUND",
  "DEVICE_TIMEOUT",
  "DEVICE_DISCONNECTED",
  "DEVICE_FAULT",
  "FRAME_INVALID",
  "HUB_NOT_ANSWERING",
]);

/** True when retrying later can succeed; unknown errors are not assumed to be. */
export function isRecoverable(e: unknown): boolean {
  return e instanceof StationError && RECOVERABLE.has(e.code);
}

/** The lines of a CONFIG_INVALID error, one per bad key (its message when it has none). */
export function configIssues(e: StationError): string[] {
  const issues = e.context?.["issues"];
  return Array.isArray(issues) ? issues.map(String) : [e.message];
}

/** The message of anything thrown, for a status reason. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
