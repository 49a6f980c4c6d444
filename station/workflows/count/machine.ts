/**
 * The blind count at the kiosk, as a pure state machine: the hub's assignments in, scans, typed
 * units, scale readings and taps; out the next state, a verdict for the screen, a refusal in
 * words, and on submit the count lines to send. No I/O, no clock (times come with the inputs).
 *
 * Blind: nothing here knows what the ledger expects. The assignments carry packages and how to
 * count them, never quantities (contract/counting.ts refuses them), and the state holds only what
 * people counted.
 */
import type { CountAssignment, CountItem, CountLine } from "#contract/counting.js";
import { containerTare, unitsFromWeight } from "./weighing.js";

/** Who is signed in at the kiosk. */
export interface Counter {
  employeeId: string;
  name: string;
}

/** One package as counted in this round. */
export interface CountedLine {
  label: string;
  quantity: number;
  unit: string;
  method: "scan" | "weight" | "manual";
  employeeId: string;
  /** Epoch ms. */
  at: number;
  grossGrams?: number;
  tareGrams?: number;
  /** Not on the count's list: recorded, never dropped. */
  unexpected?: boolean;
  /** Found and recorded, its units not counted yet (sent as 0 if never counted). */
  pending?: boolean;
}

export type Verdict = "on-list" | "again" | "not-on-list" | "not-asked" | "refused";

/** The count open on the kiosk. */
export interface OpenCount {
  countSessionId: string;
  round: number;
  counted: Record<string, CountedLine>;
  /** Labels found that the list does not name, in the order found. */
  unexpected: string[];
  /** The package being counted now (waiting for units or the scale). */
  current: string | null;
  /** How the current package was found: scanned, or its tag typed. */
  currentBy?: "scan" | "manual";
  /** For the current package: subtract the item profile's container, or weigh bare. */
  container: "profile" | "none";
  /** True once the platform was cleared since the last weighing (a package never takes the previous one's weight). */
  armed: boolean;
  last: { label: string; verdict: Verdict; text: string; scanId?: string | undefined } | null;
}

export interface CountState {
  counts: CountAssignment[];
  /** The round of each count already submitted here: waiting for the hub's answer. */
  submitted: Record<string, number>;
  open: OpenCount | null;
}

export const initialCountState: CountState = { counts: [], submitted: {}, open: null };

export type CountInput =
  | { type: "assign"; counts: CountAssignment[] }
  | { type: "open"; countSessionId: string; who: Counter }
  | { type: "scan"; label: string; who: Counter; at: number; typed?: boolean; scanId?: string; known?: CountItem }
  | { type: "enter"; label: string; quantity: number; who: Counter; at: number }
  | { type: "weight"; grams: number; stable: boolean; who: Counter; at: number }
  | { type: "container"; container: "profile" | "none" }
  | { type: "submit"; who: Counter; at: number; confirmed: boolean }
  /** A line as it was counted, replayed from the journal (the scan that selected it is not journaled). */
  | { type: "recorded"; countSessionId: string; line: CountedLine };

/** A line to send to the hub on submit (the service wraps each in a `count` event). */
export interface LineToSend extends CountedLine {
  found: boolean;
}

export interface CountStep {
  state: CountState;
  refused?: string;
  /** Submit needs a yes first: this many listed packages were not found. */
  confirm?: { notFound: number };
  send?: { countSessionId: string; round: number; lines: LineToSend[] };
}

/** Below this a reading means the platform is clear, grams. */
export const EMPTY_BELOW_GRAMS = 2;

const refuse = (state: CountState, refused: string): CountStep => ({ state, refused });

/** The count an open session belongs to. */
export function assignmentOf(state: CountState, id: string | undefined): CountAssignment | undefined {
  return id === undefined ? undefined : state.counts.find((c) => c.countSessionId === id);
}

/** Labels this round counts: every listed one in round 1, the recount's in later rounds. */
export function roundLabels(a: CountAssignment): string[] {
  return a.round > 1 ? (a.recount ?? []).map((r) => r.label) : a.lines.map((l) => l.label);
}

/** Each assignment's lines and items by key, built once (a full count lists every package of the vault). */
const indexes = new WeakMap<CountAssignment, { lines: Map<string, CountLine>; items: Map<string, CountItem> }>();

function indexOf(a: CountAssignment) {
  let ix = indexes.get(a);
  if (!ix) {
    ix = { lines: new Map(a.lines.map((l) => [l.label, l])), items: new Map(a.items.map((i) => [i.itemId, i])) };
    indexes.set(a, ix);
  }
  return ix;
}

export function itemOf(a: CountAssignment, label: string): { line?: CountLine; item?: CountItem } {
  const ix = indexOf(a);
  const line = ix.lines.get(label);
  return { line, item: line ? ix.items.get(line.itemId) : undefined };
}

function open(state: CountState, input: Extract<CountInput, { type: "open" }>): CountStep {
  const a = assignmentOf(state, input.countSessionId);
  if (!a) return refuse(state, "this count is no longer assigned to this station");
  if ((state.submitted[a.countSessionId] ?? 0) >= a.round)
    return refuse(state, "this count is submitted: waiting for the hub to check it");
  if (state.open?.countSessionId === a.countSessionId) return { state };
  if (state.open) return refuse(state, "finish or leave the open count first");
  const recount = a.recount ?? [];
  if (a.round > 1 && recount.length > 0 && recount.every((r) => r.countedBy === input.who.employeeId))
    return refuse(state, `the recount needs a different employee: ${input.who.name} counted these packages first`);
  const fresh: OpenCount = {
    countSessionId: a.countSessionId,
    round: a.round,
    counted: {},
    unexpected: [],
    current: null,
    container: "profile",
    armed: true,
    last: null,
  };
  return { state: { ...state, open: fresh } };
}

function withOpen(state: CountState, o: OpenCount): CountState {
  return { ...state, open: o };
}

function scan(state: CountState, input: Extract<CountInput, { type: "scan" }>): CountStep {
  const o = state.open;
  const a = assignmentOf(state, o?.countSessionId);
  if (!o || !a) return refuse(state, "open a count first");
  const { line } = itemOf(a, input.label);
  const by = input.typed ? ("manual" as const) : ("scan" as const);
  const say = (verdict: Verdict, text: string, current: string | null = input.label) =>
    withOpen(state, {
      ...o,
      current,
      currentBy: current === input.label ? by : o.currentBy,
      container: "profile",
      last: { label: input.label, verdict, text, scanId: input.scanId },
    });
  if (a.round > 1) {
    const asked = (a.recount ?? []).find((r) => r.label === input.label);
    if (!asked)
      return {
        state: say("not-asked", `${input.label} is not asked for a recount: only the packages listed`, o.current),
        refused: "not asked for a recount",
      };
    if (asked.countedBy === input.who.employeeId)
      return {
        state: say(
          "refused",
          `${input.who.name} counted this package first: a different employee must recount it`,
          o.current,
        ),
        refused: "a different employee must recount it",
      };
  }
  if (o.counted[input.label])
    return { state: say("again", `${input.label} is counted already: count it again to replace the figure`) };
  if (line) return { state: say("on-list", `${input.label}: count it`) };
  if (a.round > 1) return refuse(state, "not asked for a recount");
  // Found but not on the list: recorded at once (zero until counted), never dropped.
  const unit = input.known?.unit ?? "Each";
  const placeholder: CountedLine = {
    label: input.label,
    quantity: 0,
    unit,
    method: input.typed ? "manual" : "scan",
    employeeId: input.who.employeeId,
    at: input.at,
    unexpected: true,
    pending: true,
  };
  const next = {
    ...o,
    unexpected: o.unexpected.includes(input.label) ? o.unexpected : [...o.unexpected, input.label],
    counted: { ...o.counted, [input.label]: placeholder },
  };
  return {
    state: withOpen(state, {
      ...next,
      current: input.label,
      currentBy: by,
      container: "profile",
      last: {
        label: input.label,
        verdict: "not-on-list",
        text: `${input.label} is NOT on this count: recorded as found, count it`,
        scanId: input.scanId,
      },
    }),
  };
}

function record(state: CountState, o: OpenCount, line: CountedLine): CountState {
  return withOpen(state, {
    ...o,
    counted: {
      ...o.counted,
      [line.label]: { ...line, ...(o.counted[line.label]?.unexpected ? { unexpected: true } : {}) },
    },
    current: null,
  });
}

function enter(state: CountState, input: Extract<CountInput, { type: "enter" }>): CountStep {
  const o = state.open;
  const a = assignmentOf(state, o?.countSessionId);
  if (!o || !a) return refuse(state, "open a count first");
  if (o.current !== input.label) return refuse(state, "scan the package before entering its count");
  if (!Number.isFinite(input.quantity) || input.quantity < 0) return refuse(state, "a count is zero or more");
  if (input.quantity > 100_000) return refuse(state, "a count over 100,000 is not believable: check the number");
  const { item } = itemOf(a, input.label);
  const unit = item?.unit ?? o.counted[input.label]?.unit ?? "Each";
  if (unit === "Each" && !Number.isInteger(input.quantity)) return refuse(state, "count whole units");
  const method = o.currentBy ?? "scan";
  return {
    state: record(state, o, {
      label: input.label,
      quantity: input.quantity,
      unit,
      method,
      employeeId: input.who.employeeId,
      at: input.at,
    }),
  };
}

function weigh(state: CountState, input: Extract<CountInput, { type: "weight" }>): CountStep {
  const o = state.open;
  const a = assignmentOf(state, o?.countSessionId);
  if (!o || !a) return { state };
  if (!input.stable || input.grams <= EMPTY_BELOW_GRAMS)
    return o.armed ? { state } : { state: withOpen(state, { ...o, armed: true }) };
  if (!o.armed || !o.current) return { state };
  const { item } = itemOf(a, o.current);
  if (item?.countBy !== "weight") return { state };
  const tare = containerTare(item, o.container);
  const units = unitsFromWeight(item, input.grams - tare);
  if (units === undefined || units < 0)
    return {
      state: withOpen(state, { ...o, armed: false }),
      refused: `the scale reads less than the container's ${tare} g: check the container choice`,
    };
  const line: CountedLine = {
    label: o.current,
    quantity: units,
    unit: item.unit,
    method: "weight",
    employeeId: input.who.employeeId,
    at: input.at,
    grossGrams: input.grams,
    tareGrams: tare,
  };
  return { state: record(state, { ...o, armed: false }, line) };
}

function submit(state: CountState, input: Extract<CountInput, { type: "submit" }>): CountStep {
  const o = state.open;
  const a = assignmentOf(state, o?.countSessionId);
  if (!o || !a) return refuse(state, "open a count first");
  const labels = roundLabels(a);
  const missing = labels.filter((l) => !o.counted[l]);
  if (missing.length > 0 && !input.confirmed) return { state, confirm: { notFound: missing.length } };
  const asked = new Map((a.recount ?? []).map((r) => [r.label, r.countedBy]));
  if (
    a.round > 1 &&
    asked.size > 0 &&
    [...asked.values()].every((id) => id === input.who.employeeId) &&
    missing.length === labels.length
  )
    return refuse(state, "a different employee must recount these packages");
  const lines: LineToSend[] = [
    ...labels.map((label) => {
      const c = o.counted[label];
      if (c) return { ...c, found: true };
      const unit = itemOf(a, label).item?.unit ?? "Each";
      return {
        label,
        quantity: 0,
        unit,
        method: "manual" as const,
        employeeId: input.who.employeeId,
        at: input.at,
        found: false,
      };
    }),
    ...(a.round === 1 ? o.unexpected.map((l) => ({ ...o.counted[l]!, found: true })) : []),
  ];
  return {
    state: { ...state, open: null, submitted: { ...state.submitted, [a.countSessionId]: a.round } },
    send: { countSessionId: a.countSessionId, round: a.round, lines },
  };
}

function recorded(state: CountState, input: Extract<CountInput, { type: "recorded" }>): CountStep {
  const o = state.open;
  if (!o || o.countSessionId !== input.countSessionId) return { state };
  const l = input.line;
  const unexpected = l.unexpected && !o.unexpected.includes(l.label) ? [...o.unexpected, l.label] : o.unexpected;
  return { state: withOpen(state, { ...o, unexpected, counted: { ...o.counted, [l.label]: l } }) };
}

function assign(state: CountState, counts: CountAssignment[]): CountStep {
  const submitted = Object.fromEntries(
    Object.entries(state.submitted).filter(([id]) => counts.some((c) => c.countSessionId === id)),
  );
  const still =
    state.open && counts.find((c) => c.countSessionId === state.open!.countSessionId && c.round === state.open!.round);
  return { state: { counts, submitted, open: still ? state.open : null } };
}

/** One step of the count workflow. */
export function countStep(state: CountState, input: CountInput): CountStep {
  switch (input.type) {
    case "assign":
      return assign(state, input.counts);
    case "open":
      return open(state, input);
    case "scan":
      return scan(state, input);
    case "enter":
      return enter(state, input);
    case "weight":
      return weigh(state, input);
    case "container":
      return state.open ? { state: withOpen(state, { ...state.open, container: input.container }) } : { state };
    case "submit":
      return submit(state, input);
    case "recorded":
      return recorded(state, input);
  }
}
