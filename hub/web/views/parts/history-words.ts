/**
 * A package's history in words a manager or an auditor reads as a record: what happened, how
 * much, from which manifest, and why, with the ledger's and the stations' codes put into words.
 */
import type { PackageHistoryEntry } from "../../../ledger/history.js";

/** The ledger's reasons and the vault's decisions, in words. Unknown codes fall back to their words with dashes and dots as spaces. */
const WORDS: Record<string, string> = {
  "receiving.accepted": "received",
  "receiving.rejected": "rejected at receiving",
  "receiving.manifest-refused": "manifest refused",
  "receiving.quarantine-kept": "kept in quarantine",
  "receiving.verified-quantity": "quantity verified at receiving",
  "statesystem.added": "added from the state system",
  "statesystem.status": "status changed in the state system",
  restock: "moved to the sales floor",
  sold: "sold",
  accept: "accepted",
  "accept-corrected": "accepted with corrected quantity",
  reject: "rejected",
  "wrong-tag": "wrong tag",
  "damaged-or-tampered": "damaged or tampered",
  "failed-lab": "failed lab test",
  "short-weight": "short weight",
  "over-weight": "over weight",
  "not-ordered": "not ordered",
  "no-coa": "no certificate of analysis",
};

/** A code in words: "accept-corrected" → "accepted with corrected quantity". */
export function inWords(code: string): string {
  return WORDS[code] ?? code.replace(/[-_.]/g, " ");
}

const SOURCE_WORDS: Record<string, string> = {
  manifest: "manifest",
  count: "count",
  "state-system": "state-system record",
  catalog: "catalog change",
  seed: "opening load",
};

function fromSource(source: { kind: string; ref: string | null } | null): string {
  if (!source) return "";
  return source.ref ? `, ${SOURCE_WORDS[source.kind] ?? source.kind} ${source.ref}` : "";
}

const qty = (n: number, unit: string) => `${Number(n.toFixed(4))} ${unit}`;

function receiveWords(p: Record<string, unknown>): string {
  const manifest = `manifest ${String(p.manifestNumber)}`;
  if (p.action === "rejected-manifest") return `refused the whole ${manifest}: ${String(p.reason)}`;
  if (p.action === "completed") return `completed receiving ${manifest}`;
  const l = (p.line ?? {}) as Record<string, unknown>;
  const reason = typeof l.reason === "string" ? `: ${inWords(l.reason)}` : "";
  return `${inWords(String(l.decision))} ${qty(Number(l.receivedQuantity), String(l.unit))} into ${String(l.location)}${reason}, ${manifest}`;
}

/** One line about what an entry recorded: an event from its payload, a movement or adjustment from its fields. */
export function summarize(entry: PackageHistoryEntry): string {
  if (entry.kind === "movement") {
    const where = entry.from
      ? `${entry.from.location}${entry.from.status !== entry.to.status ? ` (${entry.from.status})` : ""} → ${entry.to.location} (${entry.to.status})`
      : `into ${entry.to.location} (${entry.to.status})`;
    return `${inWords(entry.reason)}: ${where}, ${qty(entry.quantity, entry.unit)}${fromSource(entry.source)}`;
  }
  if (entry.kind === "adjustment") {
    const sign = entry.delta > 0 ? "+" : "";
    return `${inWords(entry.reason)}: ${qty(entry.quantityBefore, entry.unit)} → ${qty(entry.quantityAfter, entry.unit)} (${sign}${Number(entry.delta.toFixed(4))})${entry.note ? ` – ${entry.note}` : ""}${fromSource(entry.source)}`;
  }
  const p = entry.payload as Record<string, unknown>;
  switch (entry.type) {
    case "scan":
      return `scanned in ${String(p.workflow)}`;
    case "weight":
      return `weighed ${String(p.grams)} g${p.stable ? "" : " (unstable)"}${p.overload ? ", overload" : ""}`;
    case "count":
      return `counted ${String(p.quantity)} ${String(p.unit)} by ${String(p.method)}`;
    case "print":
      return `${String(p.template)} label ${p.ok ? "printed" : `failed: ${String(p.error ?? "unknown")}`}`;
    case "receive":
      return receiveWords(p);
    default:
      return entry.type;
  }
}

/** What kind of entry, in words. */
export function entryKind(entry: PackageHistoryEntry): string {
  if (entry.kind === "movement") return entry.from ? "moved" : "entered";
  if (entry.kind === "adjustment") return "adjusted";
  return entry.type;
}
