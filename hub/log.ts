import { pino, type Logger } from "pino";

/** The hub's logger type (pino). */
export type Log = Logger;

/** pino to stdout (journald keeps it); the MQTT password and API tokens never reach a log line. */
export function createLog(level = "info"): Log {
  return pino({
    level,
    base: { svc: "hub" },
    redact: [
      "password",
      "*.password",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "cfg.MQTT_PASSWORD",
      "cfg.HUB_API_TOKEN",
    ],
  });
}

/** A logger that drops everything, for tests. */
export function silentLog(): Log {
  return pino({ level: "silent" });
}
