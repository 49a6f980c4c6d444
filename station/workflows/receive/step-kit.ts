import type { LineProgress, ReceiveStep, ReceivingState } from "./state.js";

/** A step that changes nothing, refused with a reason when one is given. */
export const same = (state: ReceivingState, refused?: string): ReceiveStep => ({
  state,
  effects: [],
  changed: false,
  ...(refused ? { refused } : {}),
});

/** The state with one line replaced (and any other fields changed). */
export function withLine(s: ReceivingState, p: LineProgress, extra: Partial<ReceivingState> = {}): ReceivingState {
  return { ...s, ...extra, lines: { ...s.lines, [p.label]: p } };
}
