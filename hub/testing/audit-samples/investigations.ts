/**
 * Samples of hub/investigations: a case's assign, notes, evidence, root cause, proposal and close,
 * and a manager's approval or refusal. prepare opens four cases through the module's service (as
 * reconciliation does) on packages 1–4 of the demo store; the proposals awaiting approval are made
 * by the peer, since a resolution is approved by someone other than who proposed it.
 */
import type { Variance } from "#hub/modules.js";
import { form, type SampleSet, type Walk } from "./walk.js";

const CASES = ["work", "close", "approve", "refuse"] as const;

function variance(w: Walk, label: string): Variance {
  return {
    site: w.site,
    businessDay: new Date().toISOString().slice(0, 10),
    label,
    class: "physical-short",
    pos: null,
    state: null,
    ledger: 10,
    physical: 7,
    fix: "count again; adjust with the state system's reason",
    source: { kind: "reconciliation", ref: "walk" },
  };
}

/** An adjustment of `quantity` with the simulator's reason "Entry Error". */
const adjustment = (quantity: number) => ({ kind: "adjustment", quantity: String(quantity), reason: "Entry Error" });

const on = (w: Walk, name: (typeof CASES)[number], action: string) =>
  `/investigations/${w.ids[`case.${name}`]}/${action}`;

export const investigations: SampleSet = {
  needs: ["investigations"],
  async prepare(w) {
    const labels = CASES.map((_, i) => w.store.packages[1 + i]!.label);
    const opened = await w.services.need("investigations").open(
      labels.map((l) => variance(w, l)),
      "walk",
    );
    CASES.forEach((name, i) => (w.ids[`case.${name}`] = opened[i]!.caseId));
    await w.post(on(w, "close", "root-cause"), { cause: "mis-scan" });
    // Above the approval threshold (more than 2): each waits for a manager other than the peer.
    await w.post(on(w, "approve", "propose"), adjustment(-3), w.peer);
    await w.post(on(w, "refuse", "propose"), adjustment(-3), w.peer);
  },
  samples: {
    "POST /investigations/:caseId/assign": (w) => ({
      path: on(w, "work", "assign"),
      ...form({ assignee: "e-walker" }),
    }),
    "POST /investigations/:caseId/notes": (w) => ({
      path: on(w, "work", "notes"),
      ...form({ text: "walked the shelf" }),
    }),
    "POST /investigations/:caseId/evidence": (w) => ({
      path: on(w, "work", "evidence"),
      ...form({ camera: "Vault cam 2", at: "2026-11-27T14:05", text: "the tray leaves the shelf" }),
    }),
    "POST /investigations/:caseId/root-cause": (w) => ({
      path: on(w, "work", "root-cause"),
      ...form({ cause: "data-entry" }),
    }),
    "POST /investigations/:caseId/propose": (w) => ({ path: on(w, "work", "propose"), ...form(adjustment(-1)) }),
    "POST /investigations/:caseId/close": (w) => ({ path: on(w, "close", "close"), ...form({}) }),
    "POST /investigations/approvals/:caseId": (w) => ({
      path: `/investigations/approvals/${w.ids["case.approve"]}`,
      ...form({}),
    }),
    "POST /investigations/approvals/:caseId/refuse": (w) => ({
      path: `/investigations/approvals/${w.ids["case.refuse"]}/refuse`,
      ...form({ why: "count it again first" }),
    }),
  },
};
