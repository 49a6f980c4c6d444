/**
 * Samples of hub/counts: starting a count and a manager's approval of a counted one. prepare makes
 * a station known (its status, through the ingest), starts a category count of demo package 5's
 * category through the dashboard route, and sends the station's count events — each line counted
 * as expected, so the approval moves no package — until the count waits for review.
 */
import { topics } from "#contract/topics.js";
import { newId } from "#contract/ids.js";
import { form, type SampleSet, type Walk } from "./walk.js";

const STATION = "vault-walk";

interface CountJson {
  count: { status: string };
  lines: { label: string; snapshot: number | null; unit: string }[];
}

const categoryOf = (w: Walk) => w.store.items.find((i) => i.id === w.store.packages[5]!.itemId)!.category;

async function countedToReview(w: Walk, countId: string): Promise<void> {
  const { lines } = await w.getJson<CountJson>(`/api/counts/${countId}?all=1`);
  for (const line of lines) {
    const event = {
      id: newId(),
      type: "count",
      stationId: STATION,
      siteId: w.site,
      at: new Date().toISOString(),
      employeeId: "e-walk-2",
      payload: {
        countSessionId: countId,
        label: line.label,
        quantity: line.snapshot ?? 0,
        unit: line.unit,
        method: "scan",
      },
    };
    await w.hub.ingest.handle(topics.event(STATION, "count"), JSON.stringify(event));
  }
  await w.hub.ingest.flush();
  for (let i = 0; i < 100; i++) {
    if ((await w.getJson<CountJson>(`/api/counts/${countId}`)).count.status === "review") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the count ${countId} prepared for the walk did not reach review`);
}

export const counts: SampleSet = {
  async prepare(w) {
    const state = { id: newId(), type: "state", stationId: STATION, siteId: w.site, at: new Date().toISOString() };
    await w.hub.ingest.handle(topics.state(STATION), JSON.stringify({ ...state, payload: { online: true } }));
    await w.hub.ingest.flush();
    const started = await w.post("/counts/start", { kind: "category", category: categoryOf(w), station: STATION });
    const countId = /\/counts\/([^/?]+)/.exec(started.headers.get("location") ?? "")?.[1];
    if (!countId) throw new Error("the count prepared for the walk did not start");
    await countedToReview(w, countId);
    w.ids["count.review"] = countId;
  },
  samples: {
    "POST /counts/start": (w) => ({
      path: "/counts/start",
      ...form({ kind: "category", category: categoryOf(w), station: STATION }),
    }),
    "POST /counts/:id/approve": (w) => ({
      path: `/counts/${w.ids["count.review"]}/approve`,
      ...form({ reason: "", note: "walk: counted as expected" }),
    }),
  },
};
