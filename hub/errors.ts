/** Error codes of the hub; UPSTREAM_* belong to state-system and POS calls. */
export type HubErrorCode =
  | "CONFIG_INVALID"
  | "PORT_IN_USE"
  | "DB_UNAVAILABLE"
  | "MIGRATION_FAILED"
  | "MQTT_CONNECT"
  | "MQTT_PUBLISH"
  | "MESSAGE_INVALID"
  | "AUDIT_TAMPERED"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_REJECTED";

/** The hub's one error class: a stable code, the cause, and context fit for a log line. */
export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly context: Record<string, unknown>;

  constructor(message: string, code: HubErrorCode, opts: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: opts.cause });
    this.name = "HubError";
    this.code = code;
    this.context = opts.context ?? {};
  }
}

/** True for errors worth retrying later (network, upstream down); false for bad input or config. */
export function isRecoverable(e: unknown): boolean {
  if (!(e instanceof HubError)) return false;
  return e.code === "MQTT_CONNECT" || e.code === "MQTT_PUBLISH" || e.code === "UPSTREAM_UNAVAILABLE" || e.code === "DB_UNAVAILABLE";
}
