import { readFileSync } from "node:fs";

/** Golden examples, one per message: parsed by the contract tests and reused by station and hub tests. */
export const exampleNames = [
  "scan",
  "weight",
  "count",
  "door",
  "print",
  "receive",
  "restock",
  "quarantine",
  "state",
  "state-offline",
  "ack",
  "cmd-catalog",
  "cmd-employees",
  "cmd-manifests",
  "cmd-restock",
  "cmd-count",
  "waste",
  "split",
  "cmd-adjustment-reasons",
] as const;
export type ExampleName = (typeof exampleNames)[number];

export function loadExample(name: ExampleName): unknown {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8"));
}

export function exampleText(name: ExampleName): string {
  return readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8");
}
