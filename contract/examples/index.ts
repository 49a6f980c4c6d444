import { readFileSync } from "node:fs";
import { commandNames, eventTypes, type CommandName, type EventType } from "../topics.js";

/** The station's status (online, and its last will) and the hub's ack: the messages that are neither event nor command. */
const otherExamples = ["state", "state-offline", "ack"] as const;

export type ExampleName = EventType | (typeof otherExamples)[number] | `cmd-${CommandName}`;

/**
 * Golden examples, one per message: one per event type, the status and ack, and `cmd-<name>` per command, so a
 * message added to contract/topics.ts has no example until its file is written (the contract tests read each one).
 * Parsed by the contract tests and reused by station and hub tests.
 */
export const exampleNames: readonly ExampleName[] = [
  ...eventTypes,
  ...otherExamples,
  ...commandNames.map((c) => `cmd-${c}` as const),
];

export function loadExample(name: ExampleName): unknown {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8"));
}

export function exampleText(name: ExampleName): string {
  return readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8");
}
