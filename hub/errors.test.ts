import { describe, expect, it } from "vitest";
import { hasCode, HubError, isOutcomeUnknown, isRecoverable } from "./errors.js";
import { StateSystemError } from "./statesystem/errors.js";

describe("HubError", () => {
  it("is retried later only for outages, never for bad input or configuration", () => {
    const recoverable = [
      "MQTT_CONNECT",
      "MQTT_PUBLISH",
      "DB_UNAVAILABLE",
      "UPSTREAM_RATE_LIMITED",
      "UPSTREAM_UNAVAILABLE",
      "UPSTREAM_TIMEOUT",
    ] as const;
    const final = [
      "CONFIG_INVALID",
      "PORT_IN_USE",
      "MIGRATION_FAILED",
      "MESSAGE_INVALID",
      "AUDIT_TAMPERED",
      "LEDGER_REFUSED",
      "UPSTREAM_REJECTED",
      "UPSTREAM_AUTH",
      "UPSTREAM_BAD_RESPONSE",
    ] as const;
    for (const code of recoverable) expect([code, isRecoverable(new HubError("x", code))]).toEqual([code, true]);
    for (const code of final) expect([code, isRecoverable(new HubError("x", code))]).toEqual([code, false]);
    expect(isRecoverable(new Error("plain"))).toBe(false);
  });

  it("carries the upstream's row labels and whether a write may have gone through, from the state system too", () => {
    const e = new StateSystemError("row 0: bad", "UPSTREAM_REJECTED", {
      context: {
        status: 400,
        rows: [
          { row: 0, message: "bad", label: "1A4060300012B7C000003002" },
          { row: 1, message: "bad" },
        ],
      },
    });
    expect(e).toBeInstanceOf(HubError);
    expect(hasCode(e, "UPSTREAM_AUTH", "UPSTREAM_REJECTED")).toBe(true);
    expect(hasCode(e, "UPSTREAM_AUTH")).toBe(false);
    expect(e.labels).toEqual(["1A4060300012B7C000003002"]);
    expect(isOutcomeUnknown(e)).toBe(false);
    expect(isOutcomeUnknown(new HubError("lost", "UPSTREAM_TIMEOUT", { context: { outcomeUnknown: true } }))).toBe(
      true,
    );
  });
});
