/** Station-side error codes for device faults (house style §4). */
export type DeviceErrorCode =
  | "DEVICE_NOT_FOUND"
  | "DEVICE_TIMEOUT"
  | "DEVICE_DISCONNECTED"
  | "DEVICE_FAULT"
  | "FRAME_INVALID"
  | "CONFIG_INVALID";

/** A device failure with a code the kiosk and the logs can act on. */
export class DeviceError extends Error {
  override readonly name = "DeviceError";
  readonly code: DeviceErrorCode;
  readonly context: Record<string, unknown> | undefined;

  constructor(message: string, code: DeviceErrorCode, opts: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.context = opts.context;
  }
}

/** True when retrying (reopening the port, resending the job) may succeed. */
export function isRecoverable(e: unknown): boolean {
  if (!(e instanceof DeviceError)) return true;
  return e.code !== "CONFIG_INVALID";
}

/** The message of anything thrown, for a status reason. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
