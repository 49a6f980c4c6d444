import { describe, expect, it } from "vitest";
import { exampleText, loadExample } from "./examples/index.js";
import { topics } from "./topics.js";
import { checkCommand, checkStationEvent } from "./validate.js";

const restockEvent = (payload: Record<string, unknown>) =>
  JSON.stringify({ ...(loadExample("restock") as object), payload });

describe("restock in the contract", () => {
  it("carries each line's picks in FEFO/FIFO order with their vault shelves", () => {
    const r = checkCommand(topics.command("vault-1", "restock"), exampleText("cmd-restock"));
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.name !== "restock") return;
    const picks = r.value.payload.requests[0]!.lines[0]!.picks;
    expect(picks.map((p) => p.location)).toEqual(["Vault B-2", "Vault B-3"]);
    expect(picks.map((p) => p.expirationDate)).toEqual([...picks.map((p) => p.expirationDate)].sort());
  });
  it("refuses a pick without its request, or with an override reason it does not know", () => {
    const pick = (loadExample("restock") as { payload: Record<string, unknown> }).payload;
    const { requestId: _, ...noRequest } = pick;
    expect(checkStationEvent(topics.event("vault-1", "restock"), restockEvent(noRequest))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("requestId"),
    });
    const badOverride = { ...pick, override: { reason: "felt-like-it", expectedLabel: pick.label } };
    expect(checkStationEvent(topics.event("vault-1", "restock"), restockEvent(badOverride)).ok).toBe(false);
    const override = { ...pick, override: { reason: "first-damaged", expectedLabel: "1A4060300012B7C000000041" } };
    expect(checkStationEvent(topics.event("vault-1", "restock"), restockEvent(override)).ok).toBe(true);
  });
  it("takes a kiosk request of items and quantities, and refuses an empty one", () => {
    const ask = { action: "request", requestId: "r-1", lines: [{ itemId: "item-003", quantity: 12 }] };
    expect(checkStationEvent(topics.event("vault-1", "restock"), restockEvent(ask)).ok).toBe(true);
    expect(checkStationEvent(topics.event("vault-1", "restock"), restockEvent({ ...ask, lines: [] })).ok).toBe(false);
  });
});

describe("quarantine in the contract", () => {
  const quarantineEvent = (payload: Record<string, unknown>) =>
    JSON.stringify({ ...(loadExample("quarantine") as object), payload });
  it("holds with a reason from the list and a location", () => {
    const hold = (loadExample("quarantine") as { payload: Record<string, unknown> }).payload;
    expect(checkStationEvent(topics.event("vault-1", "quarantine"), quarantineEvent(hold)).ok).toBe(true);
    expect(
      checkStationEvent(topics.event("vault-1", "quarantine"), quarantineEvent({ ...hold, reason: "because" })).ok,
    ).toBe(false);
    const { location: _, ...nowhere } = hold;
    expect(checkStationEvent(topics.event("vault-1", "quarantine"), quarantineEvent(nowhere)).ok).toBe(false);
  });
  it("asks for a release only with a note for the manager", () => {
    const ask = { action: "release-request", label: "1A4060300012B7C000000077", note: "lid replaced" };
    expect(checkStationEvent(topics.event("vault-1", "quarantine"), quarantineEvent(ask)).ok).toBe(true);
    expect(checkStationEvent(topics.event("vault-1", "quarantine"), quarantineEvent({ ...ask, note: "" })).ok).toBe(
      false,
    );
  });
});
