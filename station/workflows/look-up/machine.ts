/**
 * Looking a tag up at the kiosk, as a pure state machine: a scanned or typed code in, a fetch
 * effect out; the hub's answer (or its silence) and the replica's copy in, the result the screen
 * shows out. No I/O, no clock.
 *
 *   ask(code) ──▶ not a tag: refused (the screen says why, with the bad tone)
 *             └─▶ a tag: pending #seq ──▶ effect fetch(label, seq)
 *   answer(seq, hub outcome, replica copy) ──▶ seq stale: dropped (a newer ask is on screen)
 *                                          └─▶ result: the hub's facts and history, or the
 *                                              replica's facts, saying the hub did not answer
 */
import type { BarcodeClass } from "#contract/barcode.js";
import type { HubOutcome, HubPackage, ReplicaFacts } from "./sources.js";

/** The package as the screen shows it (from the hub, or the replica's copy). */
export type PackageFacts = ReplicaFacts;

/** One history entry, newest first on screen. */
export interface HistoryLine {
  id: string;
  /** ISO time of the event. */
  at: string;
  type: string;
  stationId: string | null;
  detail: string;
}

/** What the screen shows for one tag. */
export interface LookUpResult {
  label: string;
  /** Who answered: the hub's ledger, or this vault's replica. */
  source: "hub" | "replica";
  /** Why the replica answered (the hub was not asked, did not answer, or refused), in words. */
  hubNote?: string;
  /** Whether anyone knows this tag. */
  found: boolean;
  facts?: PackageFacts;
  /** The last `HISTORY_LINES` entries, newest first (only the hub keeps history). */
  history: HistoryLine[];
  /** Entries the hub holds for the tag. */
  historyTotal: number;
}

export interface LookUpState {
  /** Number of the last ask that became a fetch. */
  seq: number;
  pending: { seq: number; label: string } | null;
  result: LookUpResult | null;
  /** The last ask refused (not a tag), until the next ask. */
  refusal: { code: string; text: string } | null;
}

export type LookUpInput =
  /** `typed`: entered at the look-up screen, where a badge or command code is a mistake, not a sign-in. */
  | { type: "ask"; code: string; classification: BarcodeClass; typed?: boolean }
  | { type: "answer"; seq: number; label: string; hub: HubOutcome; replica: ReplicaFacts | undefined };

export interface LookUpStep {
  state: LookUpState;
  /** The tag to fetch, when the ask was a tag. */
  fetch?: { seq: number; label: string };
  /** Why the ask was refused, in words for the kiosk. */
  refused?: string;
  /** False when the input changed nothing (a badge, a stale answer). */
  changed: boolean;
}

/** History entries shown. */
export const HISTORY_LINES = 10;

export const initialLookUp: LookUpState = { seq: 0, pending: null, result: null, refusal: null };

/** Scanned codes that are not for look-up and leave the screen as it is: sign-in and command barcodes. */
const PASS_THROUGH: ReadonlySet<BarcodeClass["kind"]> = new Set(["employee-badge", "command"]);

/** Why a code cannot be looked up, or null for a METRC tag. */
function refusalOf(c: BarcodeClass): string | null {
  switch (c.kind) {
    case "metrc-tag":
      return null;
    case "invalid":
      return c.reason;
    case "gs1":
      return "a product barcode names the item, not one package: scan the package's METRC tag";
    case "retail-id":
      return "a retail ID link names a sale unit: scan the package's METRC tag";
    case "employee-badge":
      return "that is a badge: scan it to sign in, or type a package's METRC tag";
    default:
      return "not a package tag";
  }
}

/** One step of the look-up screen. */
export function lookUp(s: LookUpState, input: LookUpInput): LookUpStep {
  if (input.type === "ask") {
    const c = input.classification;
    if (!input.typed && PASS_THROUGH.has(c.kind)) return { state: s, changed: false };
    const why = refusalOf(c);
    if (why !== null || c.kind !== "metrc-tag") {
      const text = `Cannot look up ${input.code}: ${why}`;
      return { state: { ...s, refusal: { code: input.code, text } }, refused: text, changed: true };
    }
    const seq = s.seq + 1;
    return {
      state: { ...s, seq, pending: { seq, label: c.tag }, refusal: null },
      fetch: { seq, label: c.tag },
      changed: true,
    };
  }
  if (s.pending?.seq !== input.seq) return { state: s, changed: false };
  return { state: { ...s, pending: null, result: resultOf(input.label, input.hub, input.replica) }, changed: true };
}

/** What the screen shows from the hub's outcome and the replica's copy. */
export function resultOf(label: string, hub: HubOutcome, replica: ReplicaFacts | undefined): LookUpResult {
  if (hub.kind === "answered") {
    const history = [...hub.pkg.history].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return {
      label,
      source: "hub",
      found: true,
      ...(hub.pkg.known ? { facts: hubFacts(hub.pkg, replica) } : {}),
      history: history.slice(0, HISTORY_LINES).map((h) => ({
        id: h.id,
        at: h.at,
        type: h.type,
        stationId: h.stationId ?? null,
        detail: detailOf(h.payload),
      })),
      historyTotal: history.length,
    };
  }
  const hubNote =
    hub.kind === "unknown"
      ? "the hub has no record of this tag"
      : hub.kind === "unreachable"
        ? `hub not answering (${hub.reason})`
        : hub.reason;
  return {
    label,
    source: "replica",
    hubNote,
    found: replica !== undefined,
    ...(replica ? { facts: replica } : {}),
    history: [],
    historyTotal: 0,
  };
}

function hubFacts(p: HubPackage, replica: ReplicaFacts | undefined): PackageFacts {
  return {
    itemName: p.item?.name ?? replica?.itemName ?? "Item not in the catalog",
    quantity: p.quantity,
    unit: p.unit,
    location: p.location,
    status: p.status,
    labState: p.labState,
    packagedDate: p.packagedDate,
    expirationDate: p.expirationDate,
    batch: p.batch,
  };
}

/** A few words about an event's payload: its decision, weight, quantity, workflow or door. */
export function detailOf(payload: unknown): string {
  if (!payload || typeof payload !== "object") return "";
  const p = payload as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.kind === "string") parts.push(p.kind);
  if (typeof p.decision === "string") parts.push(p.decision);
  if (typeof p.reason === "string") parts.push(p.reason);
  if (typeof p.grams === "number") parts.push(`${p.grams} g`);
  if (typeof p.quantity === "number") parts.push(`qty ${p.quantity}${typeof p.unit === "string" ? ` ${p.unit}` : ""}`);
  if (typeof p.workflow === "string" && p.workflow !== "idle") parts.push(p.workflow);
  if (typeof p.template === "string") parts.push(`${p.template} label${p.ok === false ? " failed" : ""}`);
  return parts.join(" · ");
}
