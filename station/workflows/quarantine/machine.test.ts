import { describe, expect, it } from "vitest";
import { initialQuarantine, offerFor, quarantine, releaseNotes, type ScannedFacts } from "./machine.js";

const TAG = "1A4060300012B7C000000077";
const facts = (over: Partial<ScannedFacts> = {}): ScannedFacts => ({
  label: TAG,
  itemId: "item-1",
  itemName: "Blue Dream 3.5g",
  status: "active",
  location: "Vault A-3",
  ...over,
});
const scanned = (f: ScannedFacts | null) => quarantine(initialQuarantine, { type: "scan", label: TAG, facts: f }).state;

describe("quarantine at the kiosk", () => {
  it("offers the reasons for a package in the vault; a reason holds it, names the shelf and prints its label", () => {
    const s = scanned(facts());
    expect(offerFor(s)).toBe("hold");
    const out = quarantine(s, { type: "hold", reason: "damaged", holdId: "h-1", location: "Quarantine" });
    expect(out.send).toEqual([
      {
        action: "hold",
        holdId: "h-1",
        label: TAG,
        reason: "damaged",
        location: "Quarantine",
        fromLocation: "Vault A-3",
      },
    ]);
    expect(out.print).toEqual({ label: TAG, itemName: "Blue Dream 3.5g", reason: "damaged" });
    expect(out.state.done?.text).toContain("Quarantine shelf");
    expect(out.state.scanned).toBeNull();
  });

  it("offers only a release ask for a package in quarantine, once", () => {
    const s = scanned(facts({ status: "quarantine", location: "Quarantine" }));
    expect(offerFor(s)).toBe("release");
    expect(quarantine(s, { type: "hold", reason: "recall", holdId: "h", location: "Quarantine" }).refused).toBe(
      "scan a package in the vault first",
    );
    const asked = quarantine(s, { type: "ask-release", note: releaseNotes[0] });
    expect(asked.send).toEqual([{ action: "release-request", label: TAG, note: releaseNotes[0] }]);
    expect(asked.state.done?.text).toContain("until a manager approves it");
    const again = quarantine(
      quarantine(asked.state, { type: "scan", label: TAG, facts: facts({ status: "quarantine" }) }).state,
      {
        type: "ask-release",
        note: releaseNotes[1],
      },
    );
    expect(again.refused).toContain("asked already");
  });

  it("holds nothing that is not in the catalog or no longer in the vault", () => {
    expect(offerFor(scanned(null))).toBe("unknown");
    expect(offerFor(scanned(facts({ status: "finished" })))).toBe("gone");
    expect(
      quarantine(scanned(null), { type: "hold", reason: "damaged", holdId: "h", location: "Quarantine" }).send,
    ).toEqual([]);
  });
});
