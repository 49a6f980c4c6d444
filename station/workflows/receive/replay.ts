import type { JournalEntry, ReceiveTask } from "./journal.js";
import { receive, startReceiving, type ReceiveRules, type ReceivingState } from "./machine.js";
import { taskId } from "./tasks.js";

/**
 * The receiving a journal holds, rebuilt by replaying its inputs with the rules it began with,
 * and the tasks without a `done` line; null for an empty journal.
 */
export function replayJournal(
  entries: readonly JournalEntry[],
  rules: ReceiveRules,
): { state: ReceivingState; rules: ReceiveRules; pending: ReceiveTask[] } | null {
  const start = entries[0];
  if (start?.k !== "start") return null;
  // The rules it began with, as they were: a check added since must not change a replayed decision.
  const used = start.rules ?? rules;
  let state = startReceiving(start);
  const done = new Set(entries.flatMap((e) => (e.k === "done" ? e.ids : [])));
  const pending: ReceiveTask[] = [];
  for (const e of entries) {
    if (e.k !== "input") continue;
    state = receive(state, e.input, used).state;
    for (const t of e.tasks ?? []) if (!done.has(taskId(t))) pending.push(t);
  }
  return { state, rules: used, pending };
}
