import { pino, type Logger } from "pino";

export type { Logger };

/** pino to stdout (journald keeps it); the broker password never reaches a log line. */
export function createLogger(level = "info"): Logger {
  return pino({
    level,
    base: { svc: "station" },
    redact: ["mqttPassword", "cfg.mqttPassword", "*.password"],
  });
}
