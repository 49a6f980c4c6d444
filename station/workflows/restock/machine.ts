/**
 * The restock pick at the kiosk, as a pure machine: the hub's open requests (each line's picks in
 * FEFO/FIFO order) and what was picked here in; each scan's verdict, the pick events to send and
 * the warning to show out. No I/O, no clock: times come in with the inputs.
 *
 * A scan of a package on the open request's list is a pick (any of the list's packages: they all
 * go). A package of an item on the list that is not on it gets a warning naming the package to
 * take first and why ("take 1A4…0042 first: expires 2027-01-03, 40 days before this one"); it may
 * be taken instead only with a reason (the list's first is missing or damaged). A package that may
 * not go to the floor (quarantined, on hold, failed lab, on the floor already) or of an item not
 * asked for is refused outright.
 */
import type { Package } from "#contract/domain.js";
import type { PickOverrideReason, RestockEventPayload, RestockPick, RestockRequest } from "#contract/restock.js";

/** A package taken for a request, here. */
export interface PickedEntry {
  label: string;
  itemId: string;
  quantity: number;
  unit: string;
  fromLocation: string;
  at: string;
  /** Taken instead of the list's first: which and why. */
  override?: { reason: PickOverrideReason; expectedLabel: string };
}

/** The last scan's word on screen. */
export interface Verdict {
  tone: "ok" | "warn" | "bad";
  text: string;
  label: string;
  /** The package the list says to take instead, when there is one. */
  expectedLabel?: string;
}

/** A wrong package the coordinator may still take, with a reason. */
export interface OverrideOffer {
  label: string;
  itemId: string;
  fromLocation: string;
  quantity: number;
  unit: string;
  expectedLabel: string;
}

export interface RestockState {
  /** The hub's open requests, as last sent (replica). */
  requests: readonly RestockRequest[];
  /** The request being picked on screen. */
  openId: string | null;
  picked: Readonly<Record<string, readonly PickedEntry[]>>;
  /** Finished here (hidden until the hub's list drops them). */
  finished: readonly string[];
  verdict: Verdict | null;
  offer: OverrideOffer | null;
}

export const initialRestock: RestockState = {
  requests: [],
  openId: null,
  picked: {},
  finished: [],
  verdict: null,
  offer: null,
};

/** What the machine needs to know of a scanned package, from the replica. */
export type ScannedPackage = Pick<
  Package,
  "label" | "itemId" | "quantity" | "unit" | "location" | "status" | "labState" | "packagedDate" | "expirationDate"
> & { itemName: string };

export type RestockInput =
  | { type: "requests"; requests: readonly RestockRequest[] }
  | { type: "open"; requestId: string }
  | { type: "close" }
  | { type: "scan"; label: string; pkg: ScannedPackage | undefined; at: string }
  | { type: "override"; reason: PickOverrideReason; at: string }
  | { type: "dismiss" }
  | { type: "finish"; note?: string };

export interface RestockStep {
  state: RestockState;
  /** Events for the hub, in order. */
  send: RestockEventPayload[];
  /** Why the input was refused (a tap's answer), when it was. */
  refused?: string;
}

const PASSED = new Set(["TestPassed", "RetestPassed"]);
const DAY_MS = 86_400_000;

/** "1A4…0042": enough of a 24-character tag to find it on a shelf. */
export const shortTag = (label: string) => `${label.slice(0, 3)}…${label.slice(-4)}`;

/** The open request, unless finished here. */
export function openRequest(s: RestockState): RestockRequest | undefined {
  return s.openId && !s.finished.includes(s.openId) ? s.requests.find((r) => r.requestId === s.openId) : undefined;
}

/** A line's picks still to take (the list's, less what was picked or stood in for here). */
export function remaining(s: RestockState, r: RestockRequest, itemId: string): RestockPick[] {
  const line = r.lines.find((l) => l.itemId === itemId);
  if (!line) return [];
  const done = s.picked[r.requestId] ?? [];
  const gone = new Set(done.flatMap((p) => (p.override ? [p.label, p.override.expectedLabel] : [p.label])));
  const picked = done.filter((p) => p.itemId === itemId).reduce((n, p) => n + p.quantity, 0);
  return picked >= line.quantity - 1e-9 ? [] : line.picks.filter((p) => !gone.has(p.label));
}

/** Why `first` goes before `scanned`, in words. */
export function whyFirst(first: RestockPick, scanned: ScannedPackage): string {
  const days = (a: string, b: string) => {
    const n = Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
    return n === 1 ? "1 day" : `${n} days`;
  };
  if (first.expirationDate && (!scanned.expirationDate || first.expirationDate < scanned.expirationDate))
    return scanned.expirationDate
      ? `expires ${first.expirationDate}, ${days(first.expirationDate, scanned.expirationDate)} before this one`
      : `expires ${first.expirationDate}; this one has no expiry date`;
  if (first.packagedDate < scanned.packagedDate)
    return `packaged ${first.packagedDate}, ${days(first.packagedDate, scanned.packagedDate)} before this one (first in, first out)`;
  return "it is first on the list";
}

const step = (state: RestockState, send: RestockEventPayload[] = [], refused?: string): RestockStep =>
  refused === undefined ? { state, send } : { state, send, refused };

function pickEvent(r: RestockRequest, e: PickedEntry): RestockEventPayload {
  return {
    action: "pick",
    requestId: r.requestId,
    label: e.label,
    itemId: e.itemId,
    fromLocation: e.fromLocation,
    toLocation: r.toLocation,
    quantity: e.quantity,
    unit: e.unit as RestockPick["unit"],
    ...(e.override ? { override: e.override } : {}),
  };
}

function take(s: RestockState, r: RestockRequest, e: PickedEntry, text: string): RestockStep {
  const picked = { ...s.picked, [r.requestId]: [...(s.picked[r.requestId] ?? []), e] };
  const state = { ...s, picked, offer: null, verdict: { tone: "ok" as const, text, label: e.label } };
  return step(state, [pickEvent(r, e)]);
}

/** A scanned package that is not on the list: refused, or a warning naming the first one. */
function offList(s: RestockState, r: RestockRequest, label: string, pkg: ScannedPackage | undefined): RestockStep {
  const bad = (text: string) => step({ ...s, offer: null, verdict: { tone: "bad", text, label } });
  if (!pkg)
    return bad(`${shortTag(label)} is not in this vault's catalog: leave it where it is and tell the coordinator.`);
  if (pkg.status !== "active")
    return bad(
      `${shortTag(label)} is ${pkg.status === "on-hold" ? "on hold" : pkg.status}: not sellable, it stays off the floor.`,
    );
  if (!PASSED.has(pkg.labState))
    return bad(`${shortTag(label)} has lab state ${pkg.labState}: it may not go to the floor.`);
  if (pkg.location === r.toLocation) return bad(`${shortTag(label)} is on the ${r.toLocation} already.`);
  const line = r.lines.find((l) => l.itemId === pkg.itemId);
  if (!line) return bad(`${pkg.itemName} is not on this request: put ${shortTag(label)} back.`);
  const first = remaining(s, r, pkg.itemId)[0];
  if (!first)
    return step({
      ...s,
      offer: null,
      verdict: { tone: "warn", text: `No more ${pkg.itemName} is needed: put ${shortTag(label)} back.`, label },
    });
  const text = `Wrong package: take ${shortTag(first.label)} first (${first.location}): ${whyFirst(first, pkg)}.`;
  const offer = {
    label,
    itemId: pkg.itemId,
    fromLocation: pkg.location,
    quantity: pkg.quantity,
    unit: pkg.unit,
    expectedLabel: first.label,
  };
  return step({ ...s, offer, verdict: { tone: "warn", text, label, expectedLabel: first.label } });
}

function onScan(s: RestockState, input: Extract<RestockInput, { type: "scan" }>): RestockStep {
  const r = openRequest(s);
  if (!r) return step(s, [], "open a request first");
  const { label } = input;
  if ((s.picked[r.requestId] ?? []).some((p) => p.label === label))
    return step({ ...s, offer: null, verdict: { tone: "warn", text: `${shortTag(label)} is picked already.`, label } });
  for (const line of r.lines) {
    const pick = remaining(s, r, line.itemId).find((p) => p.label === label);
    if (pick)
      return take(
        s,
        r,
        {
          label,
          itemId: line.itemId,
          quantity: pick.quantity,
          unit: pick.unit,
          fromLocation: pick.location,
          at: input.at,
        },
        `Picked ${shortTag(label)}: ${line.itemName}, ${pick.quantity} ${pick.unit} from ${pick.location}.`,
      );
  }
  return offList(s, r, label, input.pkg);
}

/** One input; a refusal leaves the state as it was. */
export function restock(s: RestockState, input: RestockInput): RestockStep {
  switch (input.type) {
    case "requests": {
      const ids = new Set(input.requests.map((r) => r.requestId));
      return step({ ...s, requests: input.requests, finished: s.finished.filter((id) => ids.has(id)) });
    }
    case "open":
      if (!s.requests.some((r) => r.requestId === input.requestId) || s.finished.includes(input.requestId))
        return step(s, [], "that request is not open any more");
      return step({ ...s, openId: input.requestId, verdict: null, offer: null });
    case "close":
      return step({ ...s, openId: null, verdict: null, offer: null });
    case "scan":
      return onScan(s, input);
    case "override": {
      const r = openRequest(s);
      if (!r || !s.offer) return step(s, [], "scan the package you mean to take first");
      const { offer } = s;
      return take(
        s,
        r,
        { ...offer, at: input.at, override: { reason: input.reason, expectedLabel: offer.expectedLabel } },
        `Picked ${shortTag(offer.label)} instead of ${shortTag(offer.expectedLabel)} (${input.reason.replace(/-/g, " ")}).`,
      );
    }
    case "dismiss":
      return step({ ...s, offer: null, verdict: null });
    case "finish": {
      const r = openRequest(s);
      if (!r) return step(s, [], "open a request first");
      const picked = (s.picked[r.requestId] ?? []).map((p) => p.label);
      const state = { ...s, openId: null, verdict: null, offer: null, finished: [...s.finished, r.requestId] };
      return step(state, [
        { action: "completed", requestId: r.requestId, picked, ...(input.note ? { note: input.note } : {}) },
      ]);
    }
  }
}
