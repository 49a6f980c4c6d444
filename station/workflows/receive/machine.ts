/**
 * Receiving one manifest at the vault, as a pure state machine: inputs (scans, stable scale
 * readings, the coordinator's taps) in, the next state and the effects to carry out
 * (publish, print) out. No I/O, no clock: every input carries its time. The caller journals each
 * input before acting on the effects, so replaying the journal rebuilds the state exactly.
 *
 *   scan ──▶ classify (on manifest / duplicate / not on manifest / not a tag) ──▶ current line
 *   stable weight ──▶ current weight-based line: net = gross − tare, checked against shipped
 *   decide(line) ──▶ LineDecision ──▶ effects: publish line, print shelf or quarantine label
 *   complete | reject manifest ──▶ effects: publish completed | rejected-manifest
 */
import type { Manifest, RejectReason } from "#contract/receiving.js";
import { acceptBlock, receiveCode, type ScanVerdict } from "./rules.js";
import { decideLine } from "./decide.js";
import type { LineProgress, ReceiveInput, ReceiveRules, ReceiveStep, ReceivingState } from "./state.js";
import { same, withLine } from "./step-kit.js";
import { onContainer, onReweigh, onWeight } from "./weighing.js";

export type * from "./state.js";

/** Opens receiving for a manifest: every line waiting for its scan. */
export function startReceiving(a: {
  receivingId: string;
  manifest: Manifest;
  employeeId: string;
  at: number;
}): ReceivingState {
  const lines: Record<string, LineProgress> = {};
  for (const line of a.manifest.lines) lines[line.label] = { label: line.label, line, scans: 0 };
  return {
    receivingId: a.receivingId,
    manifest: a.manifest,
    employeeId: a.employeeId,
    startedAt: a.at,
    order: a.manifest.lines.map((l) => l.label),
    lines,
    current: null,
    lastScan: null,
    scaleClear: true,
    status: "open",
  };
}

/** Applies one input. Never throws on bad input: a refusal comes back as `refused`. */
export function receive(s: ReceivingState, input: ReceiveInput, rules: ReceiveRules): ReceiveStep {
  if (s.status !== "open") return same(s, "This manifest is already closed");
  if (s.paused) return whilePaused(s, input);
  switch (input.type) {
    case "scan":
      return onScan(s, input);
    case "weight":
      return onWeight(s, input, rules);
    case "select":
      return s.lines[input.label]
        ? { state: { ...s, current: input.label }, effects: [], changed: s.current !== input.label }
        : same(s, `${input.label} is not on this manifest`);
    case "reweigh":
      return onReweigh(s, input.label);
    case "container":
      return onContainer(s, input.label, input.container, rules);
    case "decide":
      return decideLine(s, input, rules);
    case "complete":
      return onComplete(s);
    case "reject-manifest":
      return onRejectManifest(s, input.reason);
    case "pause":
      return { state: { ...s, paused: true }, effects: [], changed: true };
    case "resume":
      return same(s);
    case "remove":
      return onRemove(s, input.label);
  }
}

/** A manifest set aside takes nothing until it is resumed; scans and readings pass it by. */
function whilePaused(s: ReceivingState, input: ReceiveInput): ReceiveStep {
  if (input.type === "resume") return { state: { ...s, paused: false }, effects: [], changed: true };
  if (input.type === "scan" || input.type === "weight" || input.type === "pause") return same(s);
  return same(s, `Manifest ${s.manifest.manifestNumber} is set aside: resume it first`);
}

/**
 * Takes back a mistaken scan of a package that is not on the manifest, before any decision on it
 * (a decided one was already reported to the hub and labelled for quarantine). The hub audits it.
 */
function onRemove(s: ReceivingState, label: string): ReceiveStep {
  const p = s.lines[label];
  if (!p) return same(s, `${label} was not scanned on this manifest`);
  if (p.line)
    return same(s, "Only a package that is not on the manifest can be removed; reject a manifest package instead");
  if (p.decision) return same(s, "Already decided and sent to quarantine: it can no longer be removed");
  const { [label]: _removed, ...lines } = s.lines;
  const state: ReceivingState = {
    ...s,
    lines,
    order: s.order.filter((l) => l !== label),
    current: s.current === label ? null : s.current,
    lastScan: s.lastScan?.label === label ? null : s.lastScan,
  };
  return { state, effects: [{ type: "publish-removed", label, scans: p.scans }], changed: true };
}

function onScan(s: ReceivingState, input: Extract<ReceiveInput, { type: "scan" }>): ReceiveStep {
  const code = receiveCode(input.classification);
  const base = { code: input.code, scanId: input.scanId, at: input.at };
  if (code.kind === "ignored") return same(s);
  if (code.kind === "not-a-tag") {
    return {
      state: { ...s, lastScan: { ...base, verdict: "invalid-tag", reason: code.reason } },
      effects: [],
      changed: true,
    };
  }
  const known = s.lines[code.tag];
  if (known) {
    const verdict: ScanVerdict = known.scans > 0 ? "duplicate" : "on-manifest";
    const p: LineProgress = { ...known, scans: known.scans + 1, scannedAt: known.scannedAt ?? input.at };
    return {
      state: withLine(s, p, { current: code.tag, lastScan: { ...base, verdict, label: code.tag } }),
      effects: [],
      changed: true,
    };
  }
  const unexpected: LineProgress = { label: code.tag, scans: 1, scannedAt: input.at };
  const state = withLine(s, unexpected, {
    order: [...s.order, code.tag],
    current: code.tag,
    lastScan: { ...base, verdict: "not-on-manifest", label: code.tag },
  });
  return { state, effects: [], changed: true };
}

/** Lines (manifest and unexpected) still without a decision, in order. */
export function undecided(s: ReceivingState): string[] {
  return s.order.filter((label) => !s.lines[label]?.decision);
}

function onComplete(s: ReceivingState): ReceiveStep {
  const open = undecided(s);
  if (open.length > 0) return same(s, `${open.length} package${open.length === 1 ? "" : "s"} still need a decision`);
  const lines = s.order.map((label) => s.lines[label]!.decision!);
  return {
    state: { ...s, status: "completed", current: null },
    effects: [{ type: "publish-completed", lines }],
    changed: true,
  };
}

function onRejectManifest(s: ReceivingState, reason: string): ReceiveStep {
  const text = reason.trim();
  if (text.length === 0) return same(s, "Say why the whole manifest is rejected");
  return {
    state: { ...s, status: "rejected", rejectReason: text, current: null },
    effects: [{ type: "publish-rejected-manifest", reason: text }],
    changed: true,
  };
}

/** Counts for the kiosk's n-of-N line. */
export interface ReceiveProgressCounts {
  scanned: number;
  total: number;
  decided: number;
  unexpected: number;
  flagged: number;
}

/** States are never changed in place, so counts are kept per state object (the screen asks several times per step). */
const counted = new WeakMap<ReceivingState, ReceiveProgressCounts>();

/** n of N: manifest lines scanned, out of the manifest's lines. */
export function progress(s: ReceivingState): ReceiveProgressCounts {
  const known = counted.get(s);
  if (known) return known;
  const p = countProgress(s);
  counted.set(s, p);
  return p;
}

function countProgress(s: ReceivingState): ReceiveProgressCounts {
  let scanned = 0;
  let decided = 0;
  let flagged = 0;
  for (const label of s.order) {
    const p = s.lines[label]!;
    if (p.line && p.scans > 0) scanned++;
    if (p.decision) decided++;
    if (lineFlags(p).length > 0) flagged++;
  }
  return {
    scanned,
    total: s.manifest.lines.length,
    decided,
    unexpected: s.order.length - s.manifest.lines.length,
    flagged,
  };
}

/** What is wrong with a line, for the kiosk: lab, COA, weight, unexpected. */
export function lineFlags(p: LineProgress): Array<RejectReason> {
  if (!p.line) return ["not-ordered"];
  const flags: RejectReason[] = [];
  const block = acceptBlock(p.line);
  if (block) flags.push(block.reason);
  if (p.weight?.verdict === "short") flags.push("short-weight");
  if (p.weight?.verdict === "over") flags.push("over-weight");
  return flags;
}
