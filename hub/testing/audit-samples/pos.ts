/** Samples of hub/pos: imports (dashboard and API) and column mappings. */
import { fixture } from "#hub/testing/pos-kit.js";
import { form, type SampleSet } from "./walk.js";

const upload = (text: string) => {
  const f = new FormData();
  f.set("file", new File([text], "walk.csv", { type: "text/csv" }));
  f.set("format", "csv");
  return { body: f };
};
/** The fixture's sales under other receipt numbers, so each import adds lines. */
const moreSales = (prefix: string) => fixture("sales.csv").replaceAll("R-20", prefix);
const mapping = (name: string) => ({ ...JSON.parse(fixture("cova-mapping.json")), name }) as Record<string, unknown>;

export const pos: SampleSet = {
  samples: {
    "POST /pos/imports": () => ({ path: "/pos/imports", ...upload(moreSales("R-70")) }),
    "POST /pos/mappings": () => ({
      path: "/pos/mappings",
      ...form({
        name: "walk mapping",
        "col.receiptId": "Receipt",
        "col.completedAt": "At",
        "col.packageLabel": "Tag",
        "col.quantity": "Qty",
        "col.unit": "UOM",
      }),
    }),
    "POST /pos/mappings/:name/delete": () => ({ path: `/pos/mappings/${encodeURIComponent("walk mapping")}/delete` }),
    "POST /api/pos/imports": () => ({ path: "/api/pos/imports", ...upload(moreSales("R-80")), bearer: true }),
    "POST /api/pos/mappings": () => ({
      path: "/api/pos/mappings",
      body: JSON.stringify(mapping("walk api mapping")),
      type: "application/json",
      bearer: true,
    }),
  },
};
