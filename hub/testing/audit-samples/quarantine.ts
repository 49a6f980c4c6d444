/**
 * Samples of hub/quarantine: a hold, a coordinator's release ask, a manager's decision. prepare
 * holds packages 10 and 11 of the demo store through the dashboard route; the peer asks the
 * release of package 11, since the walker approves it and a release is approved by someone other
 * than who asked.
 */
import { form, type SampleSet, type Walk } from "./walk.js";

const labelOf = (w: Walk, i: number) => w.store.packages[i]!.label;

export const quarantine: SampleSet = {
  async prepare(w) {
    for (const i of [10, 11]) await w.post("/quarantine/holds", { label: labelOf(w, i), reason: "damaged" });
    await w.post("/quarantine/release-requests", { label: labelOf(w, 11), note: "the box only was dented" }, w.peer);
    const { holds } = await w.getJson<{ holds: { holdId: string; label: string }[] }>("/api/quarantine");
    const held = holds.find((h) => h.label === labelOf(w, 11));
    if (!held) throw new Error("the quarantine hold prepared for the walk is not listed");
    w.ids.hold = held.holdId;
  },
  samples: {
    "POST /quarantine/holds": (w) => ({
      path: "/quarantine/holds",
      ...form({ label: labelOf(w, 9), reason: "damaged", note: "crushed corner" }),
    }),
    "POST /quarantine/release-requests": (w) => ({
      path: "/quarantine/release-requests",
      ...form({ label: labelOf(w, 10), note: "inspected: sound" }),
    }),
    "POST /quarantine/approvals/:holdId": (w) => ({
      path: `/quarantine/approvals/${w.ids.hold}`,
      ...form({ decision: "approve", note: "looked at it" }),
    }),
  },
};
