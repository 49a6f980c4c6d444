import { describe, expect, it } from "vitest";
import { StateSystemError } from "./errors.js";
import { remedyFor } from "./remedy.js";

const rejected = (message: string) => new StateSystemError(message, "UPSTREAM_REJECTED");

describe("what to do about a refused write, and who", () => {
  it.each([
    ["row 0 (package X): Package X is not available.", "Inventory coordinator", /accept the transfer in METRC first/],
    [
      "row 0 (package X): Package X would have a quantity below zero (2 Each on hand, adjustment -3 Each).",
      "Dispensary manager",
      /Count the package/,
    ],
    [
      "row 0 (package X): Unit of measure Grams does not match package X, which is measured in Each.",
      "Dispensary manager",
      /unit of measure/,
    ],
    ["row 0 (package X): A reason note is required for adjustment reason Theft.", "Dispensary manager", /needs a note/],
    [
      "row 0 (package X): Package X cannot be finished while it holds 3 Grams.",
      "Inventory coordinator",
      /only empty packages/,
    ],
    ["row 0 (package X): Package X is finished and cannot be changed.", "Dispensary manager", /unfinish it first/],
    ["row 0: Location Back Room is not valid for this facility.", "Dispensary manager", /Create it in METRC/],
    ["row 0: A receipt with external number R-1 already exists.", "Compliance officer", /mark this write resolved/],
    ["METRC 400: something new", "Compliance officer", /Read the state system's message/],
  ])("%s", (message, owner, action) => {
    const r = remedyFor(rejected(message));
    expect(r.owner).toBe(owner);
    expect(r.action).toMatch(action);
  });

  it("sends refused keys to IT", () => {
    expect(remedyFor(new StateSystemError("METRC 401: denied", "UPSTREAM_AUTH")).owner).toBe("IT / installer");
  });
});
