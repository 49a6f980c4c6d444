/**
 * Every module's audit-walk samples in one place (README.md here). A module with write routes adds
 * its file and one entry below.
 */
import { core } from "./core.js";
import { counts } from "./counts.js";
import { investigations } from "./investigations.js";
import { pos } from "./pos.js";
import { quarantine } from "./quarantine.js";
import { reconcile } from "./reconcile.js";
import { reports } from "./reports.js";
import { restock } from "./restock.js";
import type { SampleSet, Samples } from "./walk.js";

/** Each module's samples, prepared in this order. */
export const sampleSets: readonly SampleSet[] = [
  core,
  pos,
  investigations,
  restock,
  quarantine,
  counts,
  reconcile,
  reports,
];

/** All samples in one map, by `METHOD path`; a route two sets sample is a mistake, thrown here. */
export const samples: Samples = sampleSets.reduce<Samples>((all, set) => {
  for (const key of Object.keys(set.samples))
    if (key in all) throw new Error(`two sample sets have a sample for ${key}`);
  return { ...all, ...set.samples };
}, {});
