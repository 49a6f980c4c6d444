/**
 * Samples of hub/reconcile: "Run now" on the dashboard and a run asked through the API, both of
 * yesterday in the site's zone (the day a run is for by default).
 */
import { addDays, localDate } from "#contract/facility-time.js";
import { form, type SampleSet, type Walk } from "./walk.js";

const yesterday = (w: Walk) => addDays(localDate(Date.now(), w.hub.sites.get(w.site)!.timeZone), -1);

export const reconcile: SampleSet = {
  samples: {
    "POST /reconciliation/run": (w) => ({ path: "/reconciliation/run", ...form({ site: w.site, date: yesterday(w) }) }),
    "POST /api/reconciliations/:date": (w) => ({ path: `/api/reconciliations/${yesterday(w)}`, bearer: true }),
  },
};
