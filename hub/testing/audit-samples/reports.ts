/** Samples of hub/reports: a manager's lead time and safety days for an item (demo package 5's). */
import type { SampleSet } from "./walk.js";

export const reports: SampleSet = {
  samples: {
    "PUT /api/reports/reorder-settings": (w) => ({
      method: "PUT",
      path: "/api/reports/reorder-settings",
      type: "application/json",
      body: JSON.stringify({ scope: "item", ref: w.store.packages[5]!.itemId, leadTimeDays: 5, safetyDays: 2 }),
    }),
  },
};
