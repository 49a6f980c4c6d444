/**
 * Samples of hub/restock: asking for stock, withdrawing a request, setting a floor minimum. prepare
 * asks one request through the dashboard route (items of demo packages 6–8 are used here).
 */
import { form, type SampleSet, type Walk } from "./walk.js";

const itemOf = (w: Walk, i: number) => w.store.packages[i]!.itemId;

export const restock: SampleSet = {
  async prepare(w) {
    const item = itemOf(w, 6);
    await w.post("/restock/requests", { itemId: item, quantity: "2", note: "to withdraw" });
    const { requests } = await w.getJson<{ requests: { request: { requestId: string; note?: string | null } }[] }>(
      "/api/restock",
    );
    const asked = requests.find((r) => r.request.note === "to withdraw");
    if (!asked) throw new Error("the restock request prepared for the walk is not open");
    w.ids.restockRequest = asked.request.requestId;
  },
  samples: {
    "POST /restock/requests": (w) => ({ path: "/restock/requests", ...form({ itemId: itemOf(w, 7), quantity: "3" }) }),
    "POST /restock/requests/:id/cancel": (w) => ({
      path: `/restock/requests/${w.ids.restockRequest}/cancel`,
      ...form({}),
    }),
    "POST /restock/minimums": (w) => ({
      path: "/restock/minimums",
      ...form({ itemId: itemOf(w, 8), minimum: "2", refillTo: "6" }),
    }),
  },
};
