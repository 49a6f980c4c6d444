/**
 * Quarantine at the kiosk, as a pure machine: a scanned package (its replica facts) in; the
 * choice offered out (why it goes to quarantine, or, for one held already, asking a manager to
 * release it), and the events and label a choice makes. No I/O, no clock.
 */
import type { Package } from "#contract/domain.js";
import type { QuarantineEventPayload, QuarantineReason } from "#contract/quarantine.js";

export type ScannedFacts = Pick<Package, "label" | "status" | "location" | "itemId"> & { itemName: string };

export interface QuarantineState {
  /** The package on screen: its facts, or none (not in this vault's catalog). */
  scanned: { label: string; facts: ScannedFacts | null } | null;
  /** The last thing done here, in words, and on which package. */
  done: { label: string; text: string; kind: "held" | "asked" } | null;
  /** Labels asked for release here (waiting for a manager). */
  asked: readonly string[];
}

export const initialQuarantine: QuarantineState = { scanned: null, done: null, asked: [] };

export type QuarantineInput =
  | { type: "scan"; label: string; facts: ScannedFacts | null }
  | { type: "hold"; reason: QuarantineReason; holdId: string; location: string }
  | { type: "ask-release"; note: string }
  | { type: "cancel" };

export interface QuarantineStep {
  state: QuarantineState;
  send: QuarantineEventPayload[];
  /** A quarantine label to print for this package. */
  print?: { label: string; itemName: string; reason: QuarantineReason };
  refused?: string;
}

/** The release notes offered at the kiosk (typing with gloves is slow; the dashboard takes free text). */
export const releaseNotes = [
  "Inspected: sealed and fit to sell",
  "Lab retest passed",
  "Recall lifted by the producer",
  "Return checked: unopened",
] as const;

const refuse = (state: QuarantineState, why: string): QuarantineStep => ({ state, send: [], refused: why });

/** What the screen offers for a scanned package. */
export function offerFor(s: QuarantineState): "none" | "unknown" | "hold" | "release" | "gone" {
  const f = s.scanned?.facts;
  if (!s.scanned) return "none";
  if (!f) return "unknown";
  if (f.status === "quarantine") return "release";
  return f.status === "finished" || f.status === "inactive" ? "gone" : "hold";
}

export function quarantine(s: QuarantineState, input: QuarantineInput): QuarantineStep {
  switch (input.type) {
    case "scan":
      return { state: { ...s, scanned: { label: input.label, facts: input.facts } }, send: [] };
    case "cancel":
      return { state: { ...s, scanned: null }, send: [] };
    case "hold": {
      if (offerFor(s) !== "hold") return refuse(s, "scan a package in the vault first");
      const f = s.scanned!.facts!;
      return {
        state: {
          ...s,
          scanned: null,
          done: {
            label: f.label,
            kind: "held",
            text: `${f.label} is in quarantine: put it on the ${input.location} shelf with its label.`,
          },
        },
        send: [
          {
            action: "hold",
            holdId: input.holdId,
            label: f.label,
            reason: input.reason,
            location: input.location,
            fromLocation: f.location,
          },
        ],
        print: { label: f.label, itemName: f.itemName, reason: input.reason },
      };
    }
    case "ask-release": {
      if (offerFor(s) !== "release") return refuse(s, "scan a package in quarantine first");
      const label = s.scanned!.label;
      if (s.asked.includes(label))
        return refuse(s, "its release was asked already: a manager approves it on the dashboard");
      return {
        state: {
          ...s,
          scanned: null,
          asked: [...s.asked, label],
          done: {
            label,
            kind: "asked",
            text: `Release of ${label} asked: it stays in quarantine until a manager approves it on the dashboard.`,
          },
        },
        send: [{ action: "release-request", label, note: input.note }],
      };
    }
  }
}
