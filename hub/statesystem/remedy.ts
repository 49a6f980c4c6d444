/**
 * What to do about a write the state system refused, and who must do it, in words for the
 * dashboard. Matched on METRC's and BioTrack's messages; the message itself is always shown too.
 */
import { hasCode } from "#hub/errors.js";

export interface Remedy {
  /** The next step, in one or two sentences. */
  action: string;
  /** The role that must take it (design.md: who uses it). */
  owner: "Inventory coordinator" | "Dispensary manager" | "Compliance officer" | "IT / installer";
}

const RULES: Array<{ test: RegExp; remedy: Remedy }> = [
  {
    test: /not available|not found|could not be found/i,
    remedy: {
      owner: "Inventory coordinator",
      action:
        "METRC does not hold this tag for our license. Check the tag printed on the package; if it came on a transfer, accept the transfer in METRC first, then retry.",
    },
  },
  {
    test: /below zero|negative/i,
    remedy: {
      owner: "Dispensary manager",
      action:
        "METRC holds less than this change removes. Count the package, then queue a corrected adjustment and mark this one resolved.",
    },
  },
  {
    test: /does not match|unit of measure/i,
    remedy: {
      owner: "Dispensary manager",
      action:
        "Use the package's unit of measure as METRC has it, queue the corrected write and mark this one resolved.",
    },
  },
  {
    test: /note is required|reason note/i,
    remedy: {
      owner: "Dispensary manager",
      action:
        "This adjustment reason needs a note for the state. Queue the adjustment again with a note and mark this one resolved.",
    },
  },
  {
    test: /reason .* is not valid/i,
    remedy: {
      owner: "Compliance officer",
      action:
        "Pick one of the state's adjustment reasons (sync them from the dashboard), queue the adjustment again and mark this one resolved.",
    },
  },
  {
    test: /cannot be finished while it holds/i,
    remedy: {
      owner: "Inventory coordinator",
      action:
        "METRC finishes only empty packages. Record what is left (count it, then a sale, adjustment or waste), then retry.",
    },
  },
  {
    test: /is finished/i,
    remedy: {
      owner: "Dispensary manager",
      action: "The package is finished in METRC. If this is a correction, unfinish it first, then retry.",
    },
  },
  {
    test: /location/i,
    remedy: {
      owner: "Dispensary manager",
      action:
        "METRC does not know this location for our license. Create it in METRC or move the package to an existing one, then retry.",
    },
  },
  {
    test: /already exists/i,
    remedy: {
      owner: "Compliance officer",
      action:
        "METRC already holds a receipt with this number. Compare it in METRC; if it is this sale, mark this write resolved.",
    },
  },
];

/** The remedy for an error that made a write fail for good. */
export function remedyFor(e: unknown): Remedy {
  if (hasCode(e, "UPSTREAM_AUTH")) {
    return {
      owner: "IT / installer",
      action:
        "The state system refused our keys or license. Check METRC_VENDOR_KEY, METRC_USER_KEY and METRC_LICENSE and the user's permissions in METRC, then retry.",
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return (
    RULES.find((r) => r.test.test(message))?.remedy ?? {
      owner: "Compliance officer",
      action: "Read the state system's message, correct the record, queue it again and mark this one resolved.",
    }
  );
}

/** When the state system cannot tell whether a write whose answer was lost went through. */
export const UNKNOWN_OUTCOME_REMEDY: Remedy = {
  owner: "Compliance officer",
  action:
    "The state system's answer was lost and it cannot tell whether this write was applied. Look the package up in METRC: if the change is there, mark this resolved; if not, retry.",
};
